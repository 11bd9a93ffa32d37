import { describe, expect, it } from 'vitest';
import { caret, parseCatalog, publishedManifest, type Manifest } from './manifest.js';

const BASE: Manifest = {
  name: '@execgov/scanner',
  version: '1.2.3',
  description: 'd',
  license: 'MIT',
  repository: { type: 'git', url: 'x' },
  engines: { node: '>=20.19' },
  keywords: ['k'],
  files: ['dist'],
};

describe('publishedManifest', () => {
  const catalog = { typescript: '6.0.3', zod: '^4.6.7', '@typescript-eslint/utils': '8.72.0' };
  const workspace = new Map([['@execgov/core', '0.4.0']]);

  it('workspace: and catalog: become carets; dev-only fields are dropped; peers stay as written', () => {
    const published = publishedManifest(
      {
        ...BASE,
        dependencies: { '@execgov/core': 'workspace:*', typescript: 'catalog:', zod: 'catalog:', '@typescript-eslint/utils': 'catalog:', other: '2.0.0' },
        peerDependencies: { eslint: '^9.0.0 || ^10.0.0' },
        devDependencies: { vitest: 'catalog:' },
        scripts: { build: 'tsc' },
      },
      catalog,
      workspace,
    );
    expect(published.dependencies).toEqual({
      '@execgov/core': '^0.4.0',
      typescript: '^6.0.3',
      zod: '^4.6.7',
      '@typescript-eslint/utils': '^8.72.0',
      other: '^2.0.0',
    });
    expect(published.peerDependencies).toEqual({ eslint: '^9.0.0 || ^10.0.0' });
    expect(published.devDependencies).toBeUndefined();
    expect(published.scripts).toBeUndefined();
  });

  it.each([
    { name: 'a missing required field', manifest: { ...BASE, license: undefined }, error: /no "license"/ },
    { name: 'a catalog: without an entry', manifest: { ...BASE, dependencies: { left: 'catalog:' } }, error: /no entry for it/ },
    { name: 'an unknown workspace package', manifest: { ...BASE, dependencies: { '@execgov/nope': 'workspace:^' } }, error: /no workspace package/ },
    { name: 'a protocol in a peer range', manifest: { ...BASE, peerDependencies: { typescript: 'catalog:' } }, error: /must be a semver range/ },
  ])('refuses $name', ({ manifest, error }) => {
    expect(() => publishedManifest(manifest as Manifest, catalog, workspace)).toThrow(error);
  });

  it('caret only touches exact versions', () => {
    expect(['1.2.3', '1.2.3-rc.1', '^1.0.0', '>=6.0.0 <7', 'npm:x@1'].map(caret)).toEqual(['^1.2.3', '^1.2.3-rc.1', '^1.0.0', '>=6.0.0 <7', 'npm:x@1']);
  });
});

describe('parseCatalog', () => {
  it('reads the flat catalog block of pnpm-workspace.yaml, quoted names included', () => {
    const yaml =
      'packages:\n  - packages/*\n\n# note\ncatalog:\n  typescript: 6.0.3\n  "@types/node": ^20.19.0\n  zod: "4.6.7"\n\nonlyBuiltDependencies:\n  - esbuild\n';
    expect(parseCatalog(yaml)).toEqual({ typescript: '6.0.3', '@types/node': '^20.19.0', zod: '4.6.7' });
  });
});
