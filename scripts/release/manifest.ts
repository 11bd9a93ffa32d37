import { parse as parseYaml } from 'yaml';
/**
 * Turns a workspace package.json into the one a registry user installs: `workspace:` and
 * `catalog:` become real semver ranges, exact pins become carets (so npm dedupes with the
 * user's own copies instead of nesting a second typescript-eslint), dev-only fields go.
 */

/** A package.json, as far as packing cares. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

/** Fields every published package must carry (the install checklist). */
export const REQUIRED_FIELDS = ['description', 'license', 'repository', 'engines', 'keywords', 'files'] as const;

const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[\w.]+)?$/;

/** `^x.y.z` for an exact version; any range is kept as written. */
export function caret(version: string): string {
  return EXACT_VERSION.test(version) ? `^${version}` : version;
}

function resolveRange(dependency: string, spec: string, catalog: Readonly<Record<string, string>>, workspaceVersions: ReadonlyMap<string, string>): string {
  if (spec.startsWith('workspace:')) {
    const version = workspaceVersions.get(dependency);
    if (!version) throw new Error(`${dependency} is "${spec}" but no workspace package has that name`);
    return caret(version);
  }
  if (spec === 'catalog:' || spec === 'catalog:default') {
    const version = catalog[dependency];
    if (!version) throw new Error(`${dependency} is "catalog:" but pnpm-workspace.yaml's catalog has no entry for it`);
    return caret(version);
  }
  if (spec.startsWith('catalog:')) throw new Error(`${dependency}: named catalogs (${spec}) are not supported by the release script`);
  return caret(spec);
}

function resolveAll(
  deps: Readonly<Record<string, string>> | undefined,
  catalog: Readonly<Record<string, string>>,
  workspaceVersions: ReadonlyMap<string, string>,
): Record<string, string> | undefined {
  if (!deps) return undefined;
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, resolveRange(name, spec, catalog, workspaceVersions)]));
}

/** The published manifest; throws when a required field is missing or a protocol survives. */
export function publishedManifest(manifest: Manifest, catalog: Readonly<Record<string, string>>, workspaceVersions: ReadonlyMap<string, string>): Manifest {
  for (const field of REQUIRED_FIELDS) {
    if (manifest[field] === undefined) throw new Error(`${manifest.name}: package.json has no "${field}"; every published package needs it`);
  }
  const { devDependencies: _dev, scripts: _scripts, ...rest } = manifest;
  const published: Manifest = { ...rest };
  for (const key of ['dependencies', 'optionalDependencies'] as const) {
    const resolved = resolveAll(manifest[key], catalog, workspaceVersions);
    if (resolved) published[key] = resolved;
  }
  // Peer ranges are written by hand as ranges; a protocol there would be a mistake.
  for (const [name, spec] of Object.entries(manifest.peerDependencies ?? {})) {
    if (/^(workspace|catalog):/.test(spec)) throw new Error(`${manifest.name}: peer dependency ${name} must be a semver range, not "${spec}"`);
  }
  const leftover = JSON.stringify(published).match(/"(workspace|catalog):[^"]*"/);
  if (leftover) throw new Error(`${manifest.name}: ${leftover[0]} left in the published package.json`);
  return published;
}

/** The `catalog:` map of a pnpm-workspace.yaml, read with a real YAML parser (any quoting). */
export function parseCatalog(workspaceYaml: string): Record<string, string> {
  const parsed = parseYaml(workspaceYaml) as { catalog?: Record<string, unknown> } | null;
  return Object.fromEntries(Object.entries(parsed?.catalog ?? {}).map(([name, version]) => [name, String(version)]));
}
