import { planted, type GeneratedFile } from './file.js';

/** The Plugin contract, at the path the default config names as the guarded declaration. */
function pluginContract(): GeneratedFile {
  return {
    path: 'src/plugins/plugin.ts',
    text: `/** Lifecycle of a plugin as the registry tracks it. Outcomes (success, error) are metrics. */
export type PluginLifecycleState = 'LOADED' | 'INITIALIZED' | 'RUNNING' | 'FAILED' | 'UNAVAILABLE';

export type PluginInput = Readonly<Record<string, unknown>>;

export interface PluginOutput {
  readonly ok: boolean;
  readonly data: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
}

export interface PluginContext {
  readonly requestId: string;
  readonly tenant: string;
  log(level: 'debug' | 'info' | 'warn', message: string): void;
}

/** A unit of analysis. Only ToolRunner may call run(): it validates, meters and wraps errors. */
export interface Plugin {
  readonly name: string;
  readonly version: string;
  readonly capabilities: readonly string[];
  run(input: PluginInput, context: PluginContext): Promise<PluginOutput>;
}
`,
  };
}

/** Registry with lifecycle state and metrics; holds the planted forbidden-state write. */
function registry(): GeneratedFile {
  return {
    path: 'src/plugins/registry.ts',
    text: `import { ExecutionError } from '../errors';
import type { Plugin, PluginLifecycleState } from './plugin';

export interface PluginMetrics {
  runs: number;
  failures: number;
  totalMs: number;
  lastOutcome: 'SUCCESS' | 'ERROR' | 'NONE';
}

export interface PluginRecord {
  readonly plugin: Plugin;
  state: PluginLifecycleState;
  metrics: PluginMetrics;
}

export class PluginRegistry {
  private readonly records = new Map<string, PluginRecord>();

  register(plugin: Plugin): PluginRecord {
    const record: PluginRecord = { plugin, state: 'LOADED', metrics: { runs: 0, failures: 0, totalMs: 0, lastOutcome: 'NONE' } };
    this.records.set(plugin.name, record);
    return record;
  }

  get(name: string): PluginRecord | undefined {
    return this.records.get(name);
  }

  require(name: string): PluginRecord {
    const record = this.records.get(name);
    if (!record) throw new ExecutionError({ code: 'NOT_FOUND', message: \`no plugin named \${name}\`, plugin: name, retryable: false });
    if (record.state === 'UNAVAILABLE') throw new ExecutionError({ code: 'UNAVAILABLE', message: \`\${name} is unavailable\`, plugin: name, retryable: true });
    return record;
  }

  list(): readonly PluginRecord[] {
    return [...this.records.values()];
  }

  markUnavailable(name: string): void {
    const record = this.records.get(name);
    if (record) record.state = 'UNAVAILABLE';
  }

  /** Legacy batch hook: confuses the outcome metric with a lifecycle state. */
  markCompleted(name: string): void {
    this.require(name).state = 'SUCCESS' as unknown as PluginLifecycleState; ${planted('valid-lifecycle-states')}
  }
}

export function recordMetrics(record: PluginRecord, elapsedMs: number, ok: boolean): void {
  record.metrics.runs += 1;
  record.metrics.totalMs += elapsedMs;
  if (!ok) record.metrics.failures += 1;
  record.metrics.lastOutcome = ok ? 'SUCCESS' : 'ERROR';
}
`,
  };
}

function schema(): GeneratedFile {
  return {
    path: 'src/plugins/schema.ts',
    text: `import { ExecutionError } from '../errors';
import type { Plugin, PluginInput, PluginOutput } from './plugin';

const MAX_INPUT_KEYS = 64;

export function validateInput(plugin: Plugin, input: PluginInput): void {
  const keys = Object.keys(input);
  if (keys.length > MAX_INPUT_KEYS) {
    throw new ExecutionError({ code: 'INVALID_INPUT', message: \`\${plugin.name}: too many input keys (\${keys.length})\`, plugin: plugin.name, retryable: false });
  }
}

export function validateOutput(plugin: Plugin, output: PluginOutput): void {
  if (!Array.isArray(output.warnings) || typeof output.ok !== 'boolean') {
    throw new ExecutionError({ code: 'INVALID_OUTPUT', message: \`\${plugin.name}: malformed output\`, plugin: plugin.name, retryable: false });
  }
}
`,
  };
}

function errors(): GeneratedFile {
  return {
    path: 'src/errors.ts',
    text: `export type ErrorCode = 'PLUGIN_FAILED' | 'INVALID_INPUT' | 'INVALID_OUTPUT' | 'NOT_FOUND' | 'UNAVAILABLE';

export interface ErrorEnvelope {
  readonly code: ErrorCode;
  readonly message: string;
  readonly plugin?: string;
  readonly retryable: boolean;
}

export class ExecutionError extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'ExecutionError';
  }
}

export function toErrorEnvelope(plugin: string, error: unknown): ErrorEnvelope {
  if (error instanceof ExecutionError) return error.envelope;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'PLUGIN_FAILED', message: \`\${plugin} failed: \${message}\`, plugin, retryable: false };
}
`,
  };
}

function logger(): GeneratedFile {
  return {
    path: 'src/logger.ts',
    text: `export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  write(level: LogLevel, message: string): void;
  child(scope: string): Logger;
}

export function createMemoryLogger(scope = 'app', sink: string[] = []): Logger & { readonly entries: readonly string[] } {
  return {
    entries: sink,
    write(level, message) {
      sink.push(\`[\${level}] \${scope}: \${message}\`);
    },
    child(child) {
      return createMemoryLogger(\`\${scope}.\${child}\`, sink);
    },
  };
}
`,
  };
}

/** The one sanctioned caller of plugin.run, shaped to satisfy tool-runner-invariants. */
function toolRunner(): GeneratedFile {
  return {
    path: 'src/plugins/runtime/tool-runner.ts',
    text: `import { ExecutionError, toErrorEnvelope } from '../../errors';
import type { Plugin, PluginContext, PluginInput, PluginOutput } from '../plugin';
import { recordMetrics, type PluginRegistry } from '../registry';
import { validateInput, validateOutput } from '../schema';

export class ToolRunner {
  constructor(private readonly registry: PluginRegistry) {}

  async run(name: string, input: PluginInput, context: PluginContext): Promise<PluginOutput> {
    const record = this.registry.require(name);
    const plugin: Plugin = record.plugin;
    const started = Date.now();
    let ok = false;
    validateInput(plugin, input);
    record.state = 'RUNNING';
    try {
      const output = await plugin.run(input, context);
      validateOutput(plugin, output);
      ok = true;
      record.state = 'INITIALIZED';
      return output;
    } catch (error) {
      record.state = 'FAILED';
      throw new ExecutionError(toErrorEnvelope(plugin.name, error));
    } finally {
      recordMetrics(record, Date.now() - started, ok);
    }
  }
}
`,
  };
}

function http(): GeneratedFile {
  return {
    path: 'src/api/http.ts',
    text: `export interface RouteRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly requestId: string;
  readonly tenant: string;
}

export interface RouteResponse {
  readonly status: number;
  readonly body: unknown;
}

export type RouteHandler = (request: RouteRequest) => Promise<RouteResponse>;

export interface Router {
  get(path: string, handler: RouteHandler): void;
  post(path: string, handler: RouteHandler): void;
  routes(): readonly string[];
}

export function createRouter(): Router {
  const table = new Map<string, RouteHandler>();
  return {
    get(path, handler) {
      table.set(\`GET \${path}\`, handler);
    },
    post(path, handler) {
      table.set(\`POST \${path}\`, handler);
    },
    routes() {
      return [...table.keys()].sort();
    },
  };
}

export function bodyItems(request: RouteRequest): string[] {
  const body = request.body;
  if (typeof body !== 'object' || body === null || !('items' in body)) return [];
  const items = (body as { items: unknown }).items;
  return Array.isArray(items) ? items.filter((item): item is string => typeof item === 'string') : [];
}
`,
  };
}

/** Runtime files that do not depend on the plan (app.ts, which wires the plan, lives elsewhere). */
export function runtimeFiles(): GeneratedFile[] {
  return [pluginContract(), registry(), schema(), errors(), logger(), toolRunner(), http()];
}
