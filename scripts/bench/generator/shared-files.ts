import { lines, type GeneratedFile } from './file.js';
import type { Random } from './prng.js';

const SHARED = 'src/modules/shared';

function result(): GeneratedFile {
  return {
    path: `${SHARED}/result.ts`,
    text: `export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}

export function mapResult<T, U, E>(result: Result<T, E>, fn: (value: T) => U): Result<U, E> {
  return result.ok ? ok(fn(result.value)) : result;
}

export function unwrapOr<T, E>(result: Result<T, E>, fallback: T): T {
  return result.ok ? result.value : fallback;
}
`,
  };
}

function collections(): GeneratedFile {
  return {
    path: `${SHARED}/collections.ts`,
    text: `export function groupBy<T, K extends PropertyKey>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export function sumBy<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

export function uniqueBy<T, K>(items: readonly T[], key: (item: T) => K): T[] {
  const seen = new Set<K>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function sortBy<T>(items: readonly T[], key: (item: T) => number | string): T[] {
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

export function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (predicate(item) ? yes : no).push(item);
  return [yes, no];
}
`,
  };
}

function events(): GeneratedFile {
  return {
    path: `${SHARED}/events.ts`,
    text: `export type Handler<T> = (payload: T) => void;

export class EventBus<TEvents extends object> {
  private readonly handlers = new Map<keyof TEvents, Handler<never>[]>();

  on<K extends keyof TEvents>(event: K, handler: Handler<TEvents[K]>): () => void {
    const list = this.handlers.get(event) ?? [];
    list.push(handler);
    this.handlers.set(event, list);
    return () => {
      this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== handler));
    };
  }

  emit<K extends keyof TEvents>(event: K, payload: TEvents[K]): number {
    const list = this.handlers.get(event) ?? [];
    for (const handler of list) (handler as Handler<TEvents[K]>)(payload);
    return list.length;
  }
}
`,
  };
}

/** A SQLite-like statement: its `.run()` is the classic false positive of a regex gate. */
function database(): GeneratedFile {
  return {
    path: 'src/infra/database.ts',
    text: `export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface RunResult {
  readonly changes: number;
  readonly lastInsertRowid: number;
}

export class Statement {
  constructor(
    readonly sql: string,
    private readonly rows: Row[],
  ) {}

  run(...params: Cell[]): RunResult {
    if (this.sql.startsWith('INSERT')) this.rows.push(Object.fromEntries(params.map((value, i) => [\`c\${i}\`, value])));
    return { changes: params.length > 0 ? 1 : 0, lastInsertRowid: this.rows.length };
  }

  all(...params: Cell[]): Row[] {
    return params.length === 0 ? [...this.rows] : this.rows.filter((row) => params.some((p) => Object.values(row).includes(p)));
  }

  get(...params: Cell[]): Row | undefined {
    return this.all(...params)[0];
  }
}

export class Database {
  private readonly tables = new Map<string, Row[]>();

  prepare(sql: string): Statement {
    const table = /(?:FROM|INTO|TABLE)\\s+(\\w+)/i.exec(sql)?.[1] ?? 'default';
    const rows = this.tables.get(table) ?? [];
    this.tables.set(table, rows);
    return new Statement(sql, rows);
  }

  transaction<T>(work: (db: Database) => T): T {
    return work(this);
  }
}
`,
  };
}

function testRunner(): GeneratedFile {
  return {
    path: 'src/infra/test-runner.ts',
    text: `export interface TestCase {
  readonly name: string;
  check(): boolean | Promise<boolean>;
}

export interface TestReport {
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly string[];
}

export class TestRunner {
  private readonly cases: TestCase[] = [];

  add(testCase: TestCase): this {
    this.cases.push(testCase);
    return this;
  }

  async run(filter = ''): Promise<TestReport> {
    const failures: string[] = [];
    let passed = 0;
    for (const testCase of this.cases.filter((c) => c.name.includes(filter))) {
      if (await testCase.check()) passed += 1;
      else failures.push(testCase.name);
    }
    return { passed, failed: failures.length, failures };
  }
}
`,
  };
}

function processLike(): GeneratedFile {
  return {
    path: 'src/infra/process.ts',
    text: `export interface ExitStatus {
  readonly code: number;
  readonly output: string;
}

export interface ChildProcessLike {
  readonly pid: number;
  run(command: string, args: readonly string[]): Promise<ExitStatus>;
  kill(): void;
}

export interface Task {
  readonly id: string;
  run(): Promise<void>;
}

export function spawnLike(cwd: string): ChildProcessLike {
  let killed = false;
  return {
    pid: cwd.length,
    async run(command, args) {
      return killed ? { code: 137, output: '' } : { code: 0, output: \`\${cwd}$ \${command} \${args.join(' ')}\` };
    },
    kill() {
      killed = true;
    },
  };
}
`,
  };
}

/** Standalone helper module; these make the file count exact without a half-built domain. */
function filler(random: Random, k: number): GeneratedFile {
  const size = random.int(2, 9);
  return {
    path: `${SHARED}/helpers-${k}.ts`,
    text: lines(
      `import { chunk } from './collections';`,
      ``,
      `export interface Window${k}<T> {`,
      `  readonly items: readonly T[];`,
      `  readonly start: number;`,
      `}`,
      ``,
      `export function windows${k}<T>(items: readonly T[], size = ${size}): Window${k}<T>[] {`,
      `  return chunk(items, size).map((part, i) => ({ items: part, start: i * size }));`,
      `}`,
      ``,
      `export class Counter${k}<K> {`,
      `  private readonly counts = new Map<K, number>();`,
      ``,
      `  add(key: K, by = 1): number {`,
      `    const next = (this.counts.get(key) ?? 0) + by;`,
      `    this.counts.set(key, next);`,
      `    return next;`,
      `  }`,
      ``,
      `  top(n: number): Array<[K, number]> {`,
      `    return [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, n);`,
      `  }`,
      `}`,
    ),
  };
}

/** Shared generic modules and the infrastructure whose `.run()` methods are decoys. */
export function sharedFiles(): GeneratedFile[] {
  return [result(), collections(), events(), database(), testRunner(), processLike()];
}

export function fillerFiles(random: Random, count: number): GeneratedFile[] {
  return Array.from({ length: count }, (_, k) => filler(random, k + 1));
}
