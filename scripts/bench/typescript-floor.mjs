#!/usr/bin/env node
// What any scanner built on the TypeScript checker pays before its first question: load
// TypeScript, read and parse the program, resolve its modules, create the checker (which binds
// every file), and nothing else. Built the way the scanner builds its programs: the same tsconfig
// reader options and compiler host (packages/scanner/src/program-host.ts, imported from its build).
//
//   node typescript-floor.mjs <tsconfig>                  the whole program: (a′) of the bench
//   node typescript-floor.mjs <tsconfig> --root <file> --code-cache <file>
//                                                         the program of one file (it and what it
//                                                         imports, the libs), TypeScript loaded
//                                                         through the scanner's V8 code cache: the
//                                                         floor of a warm `--cache` scan after an edit
//
// Prints the number of program files.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { root: { type: 'string' }, 'code-cache': { type: 'string' } } });
const scannerPackage = new URL('../../packages/scanner/package.json', import.meta.url).href;
let saveCodeCache = () => undefined;
let ts;
if (values['code-cache'] === undefined) {
  ts = createRequire(scannerPackage)('typescript');
} else {
  const { requireWithCodeCache } = await import(new URL('../../packages/scanner/dist/cache/code-cache.js', import.meta.url).href);
  const loaded = requireWithCodeCache(scannerPackage, 'typescript', path.resolve(values['code-cache']));
  ts = loaded.exports;
  saveCodeCache = loaded.save;
}
const { prepareHost, readerOptions } = await import(new URL('../../packages/scanner/dist/program-host.js', import.meta.url).href);
const tsconfig = path.resolve(positionals[0] ?? 'tsconfig.json');
const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, readerOptions(ts), {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
});
if (!parsed) throw new Error(`cannot read ${tsconfig}`);
const host = ts.createCompilerHost(parsed.options);
prepareHost(ts, host);
const rootNames = values.root === undefined ? parsed.fileNames : [path.resolve(values.root)];
const program = ts.createProgram({ rootNames, options: parsed.options, host, projectReferences: parsed.projectReferences });
program.getTypeChecker();
saveCodeCache();
process.stdout.write(`${program.getSourceFiles().length}\n`);
