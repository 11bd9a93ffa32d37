import { lines, type GeneratedFile } from './file.js';
import { camelCase, type Domain, type Entity } from './plan.js';
import type { Random } from './prng.js';

const STATUS_VALUES = `'active' | 'suspended' | 'archived'`;

function types(domain: Domain): GeneratedFile {
  const entityBlocks = domain.entities.flatMap((e) => [
    `export type ${e.name}Status = ${STATUS_VALUES};`,
    ``,
    `export interface ${e.name} {`,
    `  readonly id: string;`,
    `  name: string;`,
    `  status: ${e.name}Status;`,
    `  amount: number;`,
    `  tags: string[];`,
    `  updatedAt: number;`,
    ...e.extras.map((field) => `  ${field.name}: ${field.type};`),
    `}`,
    ``,
    `export interface ${e.name}Query {`,
    `  readonly status?: ${e.name}Status;`,
    `  readonly tag?: string;`,
    `  readonly limit?: number;`,
    `}`,
    ``,
    `export type ${e.name}Patch = Partial<Omit<${e.name}, 'id'>>;`,
    ``,
  ]);
  return {
    path: `src/modules/${domain.dir}/types.ts`,
    text: lines(
      `import type { Result } from '../shared/result';`,
      ``,
      ...entityBlocks,
      `export interface ${domain.pascal}Error {`,
      `  readonly code: 'not-found' | 'invalid' | 'conflict';`,
      `  readonly detail: string;`,
      `}`,
      ``,
      `export type ${domain.pascal}Outcome<T> = Result<T, ${domain.pascal}Error>;`,
      ``,
      `export type ${domain.pascal}Events = {`,
      ...domain.entities.flatMap((e) => [
        `  '${e.kebab}.created': ${e.name};`,
        `  '${e.kebab}.updated': { readonly id: string; readonly patch: ${e.name}Patch };`,
      ]),
      `};`,
    ),
  };
}

function mapper(domain: Domain, e: Entity): GeneratedFile {
  return {
    path: `src/modules/${domain.dir}/${e.kebab}-mapper.ts`,
    text: lines(
      `import type { Row } from '../../infra/database';`,
      `import type { ${e.name}, ${e.name}Status } from './types';`,
      ``,
      `const STATUSES: readonly ${e.name}Status[] = ['active', 'suspended', 'archived'];`,
      ``,
      `function text(row: Row, key: string): string {`,
      `  const value = row[key];`,
      `  return typeof value === 'string' ? value : String(value ?? '');`,
      `}`,
      ``,
      `function num(row: Row, key: string): number {`,
      `  const value = row[key];`,
      `  return typeof value === 'number' ? value : Number(value ?? 0);`,
      `}`,
      ``,
      `export function to${e.name}(row: Row): ${e.name} {`,
      `  const status = STATUSES.find((s) => s === row['status']) ?? 'active';`,
      `  return {`,
      `    id: text(row, 'id'),`,
      `    name: text(row, 'name'),`,
      `    status,`,
      `    amount: num(row, 'amount'),`,
      `    tags: text(row, 'tags').split(',').filter((tag) => tag.length > 0),`,
      `    updatedAt: num(row, 'updated_at'),`,
      ...e.extras.map((f) => `    ${f.name}: ${f.type === 'string' ? 'text' : 'num'}(row, '${f.column}'),`),
      `  };`,
      `}`,
      ``,
      `export function ${camelCase(e.name)}Params(entity: ${e.name}): [string, string, string, number, string] {`,
      `  return [entity.id, entity.name, entity.status, entity.amount, entity.tags.join(',')];`,
      `}`,
    ),
  };
}

/** A repository over the Database decoy: every write is a `.run()` that is not a plugin's. */
function repository(domain: Domain, e: Entity): GeneratedFile {
  const D = domain.pascal;
  return {
    path: `src/modules/${domain.dir}/${e.kebab}-repository.ts`,
    text: lines(
      `import type { Database } from '../../infra/database';`,
      `import { err, ok, type Result } from '../shared/result';`,
      `import { ${camelCase(e.name)}Params, to${e.name} } from './${e.kebab}-mapper';`,
      `import type { ${D}Error, ${e.name}, ${e.name}Query } from './types';`,
      ``,
      `export class ${e.name}Repository {`,
      `  constructor(private readonly db: Database) {}`,
      ``,
      `  save(entity: ${e.name}): number {`,
      `    const statement = this.db.prepare('INSERT INTO ${e.table} (id, name, status, amount, tags) VALUES (?, ?, ?, ?, ?)');`,
      `    return statement.run(...${camelCase(e.name)}Params(entity)).changes;`,
      `  }`,
      ``,
      `  remove(id: string): boolean {`,
      `    return this.db.prepare('DELETE FROM ${e.table} WHERE id = ?').run(id).changes > 0;`,
      `  }`,
      ``,
      `  find(id: string): Result<${e.name}, ${D}Error> {`,
      `    const row = this.db.prepare('SELECT * FROM ${e.table} WHERE id = ?').get(id);`,
      `    return row ? ok(to${e.name}(row)) : err<${D}Error>({ code: 'not-found', detail: \`${e.kebab} \${id}\` });`,
      `  }`,
      ``,
      `  list(query: ${e.name}Query = {}): ${e.name}[] {`,
      `    return this.db`,
      `      .prepare('SELECT * FROM ${e.table}')`,
      `      .all()`,
      `      .map(to${e.name})`,
      `      .filter((item) => (query.status === undefined || item.status === query.status) && (query.tag === undefined || item.tags.includes(query.tag)))`,
      `      .slice(0, query.limit ?? 100);`,
      `  }`,
      ``,
      `  touchAll(ids: readonly string[]): number {`,
      `    return this.db.transaction((tx) =>`,
      `      ids.reduce((n, id) => n + tx.prepare('UPDATE ${e.table} SET updated_at = ? WHERE id = ?').run(Date.now(), id).changes, 0),`,
      `    );`,
      `  }`,
      `}`,
    ),
  };
}

function validators(domain: Domain, e: Entity, random: Random): GeneratedFile {
  const D = domain.pascal;
  return {
    path: `src/modules/${domain.dir}/${e.kebab}-validators.ts`,
    text: lines(
      `import { err, ok, type Result } from '../shared/result';`,
      `import type { ${D}Error, ${e.name}, ${e.name}Patch } from './types';`,
      ``,
      `const MAX_AMOUNT = ${random.int(1, 500) * 1000};`,
      `const TAG_PATTERN = /^[a-z0-9-]{1,${random.int(8, 40)}}$/;`,
      ``,
      `export function validate${e.name}(entity: ${e.name}): Result<${e.name}, ${D}Error> {`,
      `  if (entity.name.trim().length === 0) return err<${D}Error>({ code: 'invalid', detail: '${e.kebab} name is empty' });`,
      `  if (entity.amount < 0 || entity.amount > MAX_AMOUNT) {`,
      `    return err<${D}Error>({ code: 'invalid', detail: \`${e.kebab} amount \${entity.amount} out of range\` });`,
      `  }`,
      `  const badTag = entity.tags.find((tag) => !TAG_PATTERN.test(tag));`,
      `  if (badTag !== undefined) return err<${D}Error>({ code: 'invalid', detail: \`${e.kebab} tag \${badTag}\` });`,
      `  return ok(entity);`,
      `}`,
      ``,
      `export function apply${e.name}Patch(entity: ${e.name}, patch: ${e.name}Patch): ${e.name} {`,
      `  return { ...entity, ...patch, id: entity.id, updatedAt: Date.now() };`,
      `}`,
    ),
  };
}

function utils(domain: Domain): GeneratedFile {
  return {
    path: `src/modules/${domain.dir}/utils.ts`,
    text: lines(
      `import { sortBy, sumBy } from '../shared/collections';`,
      `import type { ${domain.entities.map((e) => e.name).join(', ')} } from './types';`,
      ...domain.entities.flatMap((e) => [
        ``,
        `export interface ${e.name}Summary {`,
        `  readonly count: number;`,
        `  readonly total: number;`,
        `  readonly average: number;`,
        `  readonly top: readonly string[];`,
        `}`,
        ``,
        `export function summarize${e.name}(items: readonly ${e.name}[]): ${e.name}Summary {`,
        `  const total = sumBy(items, (item) => item.amount);`,
        `  const top = sortBy(items, (item) => -item.amount).slice(0, 3).map((item) => item.name);`,
        `  return { count: items.length, total, average: items.length > 0 ? total / items.length : 0, top };`,
        `}`,
      ]),
      ``,
      `export function normalize${domain.pascal}Name(value: string): string {`,
      `  return value.trim().toLowerCase().replace(/\\s+/g, '-');`,
      `}`,
      ``,
      `export function ${camelCase(domain.pascal)}Fingerprint<T extends { readonly id: string; readonly updatedAt: number }>(item: T): string {`,
      `  return \`\${item.id}:\${item.updatedAt.toString(36)}\`;`,
      `}`,
    ),
  };
}

function service(domain: Domain): GeneratedFile {
  const D = domain.pascal;
  const first = domain.entities[0] as Entity;
  const repo = (e: Entity) => `${camelCase(e.name)}Repository`;
  const peer = domain.peer?.entities[0];
  const typeNames = [`${D}Error`, `${D}Events`, ...domain.entities.flatMap((e) => [e.name, `${e.name}Patch`])];
  return {
    path: `src/modules/${domain.dir}/service.ts`,
    text: lines(
      `import { groupBy, sumBy } from '../shared/collections';`,
      `import { EventBus } from '../shared/events';`,
      `import { mapResult, type Result } from '../shared/result';`,
      peer && domain.peer && `import type { ${peer.name} } from '../${domain.peer.dir}/types';`,
      peer && domain.peer && `import { summarize${peer.name} } from '../${domain.peer.dir}/utils';`,
      `import type { ${typeNames.join(', ')} } from './types';`,
      ...domain.entities.flatMap((e) => [
        `import type { ${e.name}Repository } from './${e.kebab}-repository';`,
        `import { apply${e.name}Patch, validate${e.name} } from './${e.kebab}-validators';`,
      ]),
      `import { summarize${first.name} } from './utils';`,
      ``,
      `export class ${D}Service {`,
      `  readonly events = new EventBus<${D}Events>();`,
      ``,
      `  constructor(`,
      ...domain.entities.map((e) => `    private readonly ${repo(e)}: ${e.name}Repository,`),
      `  ) {}`,
      ...domain.entities.flatMap((e) => [
        ``,
        `  create${e.name}(entity: ${e.name}): Result<${e.name}, ${D}Error> {`,
        `    const checked = validate${e.name}(entity);`,
        `    if (checked.ok) {`,
        `      this.${repo(e)}.save(checked.value);`,
        `      this.events.emit('${e.kebab}.created', checked.value);`,
        `    }`,
        `    return checked;`,
        `  }`,
        ``,
        `  update${e.name}(id: string, patch: ${e.name}Patch): Result<${e.name}, ${D}Error> {`,
        `    return mapResult(this.${repo(e)}.find(id), (current) => {`,
        `      const next = apply${e.name}Patch(current, patch);`,
        `      this.${repo(e)}.save(next);`,
        `      this.events.emit('${e.kebab}.updated', { id, patch });`,
        `      return next;`,
        `    });`,
        `  }`,
      ]),
      ``,
      `  totals(): Record<string, number> {`,
      `    const groups = groupBy(this.${repo(first)}.list(), (item) => item.status);`,
      `    return Object.fromEntries([...groups].map(([status, items]) => [status, sumBy(items, (item) => item.amount)]));`,
      `  }`,
      ``,
      `  report(): string {`,
      `    const summary = summarize${first.name}(this.${repo(first)}.list());`,
      `    return \`\${summary.count} ${first.kebab} records, total \${summary.total}\`;`,
      `  }`,
      peer && ``,
      peer && `  compare(others: readonly ${peer.name}[]): number {`,
      peer && `    return summarize${first.name}(this.${repo(first)}.list()).total - summarize${peer.name}(others).total;`,
      peer && `  }`,
      `}`,
    ),
  };
}

/** Maintenance jobs: a Task, a TestRunner and a child process, each with a decoy `.run()`. */
function tasks(domain: Domain, random: Random): GeneratedFile {
  const D = domain.pascal;
  const table = (domain.entities[0] as Entity).table;
  return {
    path: `src/modules/${domain.dir}/tasks.ts`,
    text: lines(
      `import type { Database } from '../../infra/database';`,
      `import type { ChildProcessLike, Task } from '../../infra/process';`,
      `import type { TestRunner } from '../../infra/test-runner';`,
      ``,
      `class ${D}Migration implements Task {`,
      `  readonly id = '${domain.dir}-migration-${random.int(1, 400)}';`,
      ``,
      `  constructor(private readonly db: Database) {}`,
      ``,
      `  async run(): Promise<void> {`,
      `    this.db.prepare('CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY)').run();`,
      `  }`,
      `}`,
      ``,
      `export class ${D}Maintenance {`,
      `  constructor(`,
      `    private readonly db: Database,`,
      `    private readonly tests: TestRunner,`,
      `    private readonly shell: ChildProcessLike,`,
      `  ) {}`,
      ``,
      `  async migrate(): Promise<number> {`,
      `    const pending: Task[] = [new ${D}Migration(this.db)];`,
      `    for (const task of pending) await task.run();`,
      `    return pending.length;`,
      `  }`,
      ``,
      `  async verify(): Promise<boolean> {`,
      `    const report = await this.tests.run('${domain.dir}');`,
      `    return report.failed === 0;`,
      `  }`,
      ``,
      `  async backup(): Promise<string> {`,
      `    const status = await this.shell.run('pg_dump', ['--table', '${table}']);`,
      `    return status.code === 0 ? status.output : '';`,
      `  }`,
      `}`,
    ),
  };
}

function barrel(domain: Domain): GeneratedFile {
  return {
    path: `src/modules/${domain.dir}/index.ts`,
    text: lines(
      `export * from './types';`,
      `export * from './utils';`,
      `export { ${domain.pascal}Service } from './service';`,
      `export { ${domain.pascal}Maintenance } from './tasks';`,
      ...domain.entities.flatMap((e) => [
        `export { ${e.name}Repository } from './${e.kebab}-repository';`,
        `export { apply${e.name}Patch, validate${e.name} } from './${e.kebab}-validators';`,
      ]),
    ),
  };
}

/** All files of one domain under src/modules/<dir>/: 5 + 3 per entity. */
export function domainFiles(domain: Domain, random: Random): GeneratedFile[] {
  return [
    types(domain),
    utils(domain),
    ...domain.entities.flatMap((e) => [repository(domain, e), mapper(domain, e), validators(domain, e, random)]),
    service(domain),
    tasks(domain, random),
    barrel(domain),
  ];
}
