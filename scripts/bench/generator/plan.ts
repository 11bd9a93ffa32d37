import type { Random } from './prng.js';

/** A field beyond the common ones, so entities differ in shape (and the checker has work). */
export interface ExtraField {
  name: string;
  type: 'string' | 'number';
  column: string;
}

export interface Entity {
  /** PascalCase, unique across the project (so cross-module imports never collide). */
  name: string;
  kebab: string;
  table: string;
  extras: ExtraField[];
}

export interface Domain {
  /** Directory under src/modules/, kebab-case. */
  dir: string;
  pascal: string;
  entities: Entity[];
  /** Another domain whose types and utils this one imports, when there is one. */
  peer: Domain | undefined;
}

export type PluginStyle = 'class' | 'base-class' | 'annotated' | 'satisfies';

export interface PluginSpec {
  /** The plugin's runtime name, also its file stem under src/plugins/builtin/. */
  id: string;
  /** Class name or const name, depending on the style. */
  symbol: string;
  style: PluginStyle;
}

/** One job service (job-*.ts), the analysis class above it and the route file above that. */
export interface PipelineSpec {
  kebab: string;
  pascal: string;
  plugins: PluginSpec[];
  domain: Domain | undefined;
}

export interface ProjectPlan {
  files: number;
  domains: Domain[];
  plugins: PluginSpec[];
  pipelines: PipelineSpec[];
  /** Standalone helper modules that make the file count exact. */
  fillers: number;
}

/** Files every project has, whatever N: the runtime, shared modules, decoys, planted violations. */
export const FIXED_FILE_COUNT = 21;
const MIN_PLUGINS = 3;
const MIN_PIPELINES = 1;
/** A pipeline adds two files: its job service and its route (its analysis class shares one file). */
const FILES_PER_PIPELINE = 2;
export const MIN_FILES = FIXED_FILE_COUNT + MIN_PLUGINS + MIN_PIPELINES * FILES_PER_PIPELINE;
const DOMAIN_FIXED_FILES = 5; // types, utils, service, tasks, index
const FILES_PER_ENTITY = 3; // repository, mapper, validators

const DOMAIN_WORDS = [
  'billing', 'catalog', 'inventory', 'shipping', 'identity', 'audit', 'search', 'pricing', 'reporting',
  'notifications', 'payments', 'orders', 'customers', 'analytics', 'scheduling', 'storage', 'compliance',
  'tenancy', 'workflow', 'documents', 'messaging', 'support', 'fleet', 'procurement', 'ledger', 'tax',
];
const ENTITY_WORDS = [
  'Account', 'Invoice', 'Product', 'Shipment', 'Order', 'Customer', 'Ticket', 'Report', 'Policy', 'Session',
  'Document', 'Payment', 'Subscription', 'Asset', 'Contract', 'Campaign', 'Device', 'Warehouse', 'Vendor',
  'Budget', 'Quote', 'Refund', 'Coupon', 'Carrier', 'Parcel', 'Tenant', 'Schedule', 'Task', 'Alert', 'Batch',
];
const EXTRA_FIELDS: readonly ExtraField[] = [
  { name: 'priority', type: 'number', column: 'priority' },
  { name: 'region', type: 'string', column: 'region' },
  { name: 'ownerId', type: 'string', column: 'owner_id' },
  { name: 'createdAt', type: 'number', column: 'created_at' },
  { name: 'currency', type: 'string', column: 'currency' },
  { name: 'weight', type: 'number', column: 'weight' },
  { name: 'attempts', type: 'number', column: 'attempts' },
  { name: 'externalRef', type: 'string', column: 'external_ref' },
];
const PLUGIN_VERBS = ['lint', 'score', 'classify', 'detect', 'normalize', 'enrich', 'summarize', 'rank', 'audit', 'extract'];
const PLUGIN_NOUNS = ['invoices', 'secrets', 'licenses', 'anomalies', 'duplicates', 'sentiment', 'risk', 'schemas', 'metrics', 'tokens', 'links', 'images'];
const PLUGIN_STYLES: readonly PluginStyle[] = ['class', 'base-class', 'annotated', 'satisfies'];

/** kebab-case → PascalCase. */
export function pascalCase(kebab: string): string {
  return kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** PascalCase → camelCase. */
export function camelCase(pascal: string): string {
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

function kebabCase(pascal: string): string {
  return pascal.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The i-th word of a list, suffixed with a round number once the list is exhausted: unique names. */
function nth(words: readonly string[], index: number): string {
  const word = words[index % words.length] as string;
  const round = Math.floor(index / words.length);
  return round === 0 ? word : `${word}${round + 1}`;
}

function planPlugins(random: Random, count: number): PluginSpec[] {
  const used = new Set<string>();
  const plugins: PluginSpec[] = [];
  for (let i = 0; i < count; i += 1) {
    let id = `${random.pick(PLUGIN_VERBS)}-${random.pick(PLUGIN_NOUNS)}`;
    for (let n = 2; used.has(id); n += 1) id = `${id.replace(/-\d+$/, '')}-${n}`;
    used.add(id);
    const style = PLUGIN_STYLES[i % PLUGIN_STYLES.length] as PluginStyle;
    const pascal = pascalCase(id);
    plugins.push({ id, style, symbol: style === 'class' || style === 'base-class' ? `${pascal}Plugin` : `${camelCase(pascal)}Plugin` });
  }
  return plugins;
}

function planDomains(random: Random, moduleFiles: number): { domains: Domain[]; fillers: number } {
  const domains: Domain[] = [];
  let remaining = moduleFiles;
  let entityIndex = 0;
  while (remaining >= DOMAIN_FIXED_FILES + 2 * FILES_PER_ENTITY) {
    const fits = Math.floor((remaining - DOMAIN_FIXED_FILES) / FILES_PER_ENTITY);
    const entityCount = Math.min(random.int(2, 4), fits);
    const dir = nth(DOMAIN_WORDS, domains.length).replace(/(\d+)$/, '-$1');
    const entities: Entity[] = [];
    for (let e = 0; e < entityCount; e += 1) {
      const name = nth(ENTITY_WORDS, entityIndex);
      entityIndex += 1;
      const kebab = kebabCase(name);
      entities.push({ name, kebab, table: kebab.replace(/-/g, '_') + 's', extras: random.sample(EXTRA_FIELDS, random.int(1, 4)) });
    }
    domains.push({ dir, pascal: pascalCase(dir), entities, peer: undefined });
    remaining -= DOMAIN_FIXED_FILES + entityCount * FILES_PER_ENTITY;
  }
  for (const [index, domain] of domains.entries()) {
    if (domains.length > 1) domain.peer = domains[(index + random.int(1, domains.length - 1)) % domains.length];
  }
  return { domains, fillers: remaining };
}

/**
 * Decides every name and count before any text is written. Proportions are fixed fractions of
 * N (plugins 8%, pipelines 3% each for jobs and routes, modules the rest) so that a bigger N
 * scales every kind of file, not just one.
 */
export function planProject(random: Random, files: number): ProjectPlan {
  if (!Number.isInteger(files) || files < MIN_FILES) {
    throw new Error(`a project needs at least ${MIN_FILES} files (got ${files})`);
  }
  const pluginCount = Math.max(MIN_PLUGINS, Math.round(files * 0.08));
  const pipelineCount = Math.max(MIN_PIPELINES, Math.round(files * 0.03));
  const moduleFiles = files - FIXED_FILE_COUNT - pluginCount - pipelineCount * FILES_PER_PIPELINE;
  const plugins = planPlugins(random, pluginCount);
  const { domains, fillers } = planDomains(random, Math.max(0, moduleFiles));
  const pipelines: PipelineSpec[] = [];
  for (let i = 0; i < pipelineCount; i += 1) {
    const kebab = nth(['ingest', 'review', 'export', 'reconcile', 'forecast', 'triage', 'publish', 'archive'], i).replace(/(\d+)$/, '-$1');
    pipelines.push({
      kebab,
      pascal: pascalCase(kebab),
      plugins: random.sample(plugins, random.int(1, Math.min(3, plugins.length))),
      domain: domains.length > 0 ? random.pick(domains) : undefined,
    });
  }
  return { files, domains, plugins, pipelines, fillers };
}
