import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_BASE_URL } from '../src/create-rule.js';

// The server VS Code-compatible editors (Neovim, Helix, Zed, Sublime LSP) run for ESLint, driven
// over stdio exactly as an editor drives it. It loads ESLint from the workspace, so the workspace's
// eslint.config.mjs (the plugin's recommended config) is what produces the squiggles.
const workspace = path.join(import.meta.dirname, 'fixtures/lsp-workspace');
const workspaceUri = pathToFileURL(workspace).href;
const violatingFile = path.join(workspace, 'src/services/execution/plugin-execution-service.ts');
const documentUri = pathToFileURL(violatingFile).href;

function serverBin(): string {
  const packageJson = createRequire(import.meta.url).resolve('vscode-langservers-extracted/package.json');
  return path.join(path.dirname(packageJson), 'bin/vscode-eslint-language-server');
}

// What the vscode-eslint client answers to `workspace/configuration`; the server reads these
// keys unguarded (`experimental`, `nodePath` among them) and fails without them.
const settings = {
  validate: 'on',
  packageManager: 'npm',
  useESLintClass: false,
  useFlatConfig: true,
  experimental: {},
  nodePath: null,
  codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
  codeActionOnSave: { enable: false, mode: 'all' },
  format: false,
  quiet: false,
  onIgnoredFiles: 'off',
  options: {},
  rulesCustomizations: [],
  run: 'onType',
  problems: { shortenToSingleLine: false },
  workingDirectory: { directory: workspace, '!cwd': false },
  workspaceFolder: { name: 'lsp-workspace', uri: workspaceUri },
};

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code?: string;
  codeDescription?: { href: string };
  source?: string;
}

/** 0-based LSP range of the first `needle` in `text`, `offset` characters into it, `length` long. */
function rangeOf(text: string, needle: string, offset: number, length: number): Diagnostic['range'] {
  const index = text.indexOf(needle) + offset;
  const before = text.slice(0, index).split('\n');
  const line = before.length - 1;
  const character = before[line]!.length;
  return { start: { line, character }, end: { line, character: character + length } };
}

describe('vscode-eslint-language-server with the plugin', () => {
  let server: ChildProcess;
  let connection: MessageConnection;
  let version = 1;

  const pull = async (): Promise<Diagnostic[]> => {
    const report = await connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: documentUri } });
    expect(report.kind).toBe('full');
    return report.items;
  };

  beforeAll(async () => {
    server = spawn(process.execPath, [serverBin(), '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('eslint/openDoc', () => ({}));
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: workspaceUri,
      workspaceFolders: [{ uri: workspaceUri, name: 'lsp-workspace' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: documentUri, languageId: 'typescript', version, text: fs.readFileSync(violatingFile, 'utf8') },
    });
  }, 120_000);

  afterAll(async () => {
    try {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      server.kill();
    }
  }, 30_000);

  it('reports no-direct-plugin-run on the `run` member, linked to the rule doc', async () => {
    const text = fs.readFileSync(violatingFile, 'utf8');
    const ours = (await pull()).filter((diagnostic) => diagnostic.code?.startsWith('execution-governance/'));
    expect(ours).toEqual([
      expect.objectContaining({
        source: 'eslint',
        code: 'execution-governance/no-direct-plugin-run',
        range: rangeOf(text, '?.run(input)', 2, 'run'.length),
        codeDescription: { href: `${DOCS_BASE_URL}no-direct-plugin-run.md` },
      }),
    ]);
  }, 120_000);

  it('follows edits of execution-governance.config.json without any .ts file changing', async () => {
    const configFile = path.join(workspace, 'execution-governance.config.json');
    const original = fs.readFileSync(configFile, 'utf8');
    const ours = async () => (await pull()).filter((diagnostic) => diagnostic.code?.startsWith('execution-governance/')).map((d) => d.code);
    try {
      fs.writeFileSync(configFile, JSON.stringify({ include: ['src/**/*.ts'], rules: { 'no-direct-plugin-run': 'off' } }));
      expect(await ours()).toEqual([]);
      fs.writeFileSync(configFile, original);
      expect(await ours()).toEqual(['execution-governance/no-direct-plugin-run']);
    } finally {
      fs.writeFileSync(configFile, original);
    }
  }, 120_000);

  it('after an edit that no longer calls run, the diagnostics are empty', async () => {
    // Still a Plugin in hand, but only looked up: nothing runs it outside the runner.
    const clean = `import type { Plugin } from '../../plugins/plugin.js';

export class PluginExecutionService {
  constructor(private readonly plugins: ReadonlyMap<string, Plugin>) {}

  find(name: string): Plugin | undefined {
    return this.plugins.get(name);
  }
}
`;
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: documentUri, version: ++version },
      contentChanges: [{ text: clean }],
    });
    expect(await pull()).toEqual([]);
  }, 120_000);
});
