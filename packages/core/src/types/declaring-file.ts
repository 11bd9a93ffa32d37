import type * as ts from 'typescript';
import type { TypeSpecifier } from '../config/schema.js';
import { toPosix } from '../paths.js';
import type { RuleContext } from '../types.js';

const NODE_MODULES = '/node_modules/';

/** `@scope/name` → `scope__name`, the DefinitelyTyped spelling under `@types/`. */
function typesPackageName(packageName: string): string {
  return packageName.startsWith('@') ? packageName.slice(1).replace('/', '__') : packageName;
}

/** The package a path under `node_modules` belongs to (the innermost one), or undefined. */
export function packageInNodeModules(fileName: string): string | undefined {
  const at = fileName.lastIndexOf(NODE_MODULES);
  if (at === -1) return undefined;
  const segments = fileName.slice(at + NODE_MODULES.length).split('/');
  const [first, second] = segments;
  if (!first) return undefined;
  return first.startsWith('@') && second ? `${first}/${second}` : first;
}

function createPackageTest(ctx: RuleContext, packageName: string): (fileName: string) => boolean {
  const typesName = `@types/${typesPackageName(packageName)}`;
  // Directory → name in its nearest package.json; per matcher so nothing outlives the context.
  const nearestNames = new Map<string, string | null>();
  const nearestPackageName = (dir: string): string | null => {
    const known = nearestNames.get(dir);
    if (known !== undefined) return known;
    let name: string | null = null;
    const text = ctx.ts.sys.readFile(`${dir}/package.json`);
    if (text !== undefined) {
      try {
        const parsed: unknown = JSON.parse(text);
        const value = (parsed as { name?: unknown } | null)?.name;
        name = typeof value === 'string' ? value : null;
      } catch {
        name = null;
      }
    } else {
      const parent = dir.slice(0, dir.lastIndexOf('/'));
      name = parent && parent !== dir ? nearestPackageName(parent) : null;
    }
    nearestNames.set(dir, name);
    return name;
  };
  return (fileName) => {
    const inNodeModules = packageInNodeModules(fileName);
    if (inNodeModules !== undefined) return inNodeModules === packageName || inNodeModules === typesName;
    // Workspace packages are linked, so their sources sit outside node_modules: ask package.json.
    return nearestPackageName(fileName.slice(0, fileName.lastIndexOf('/'))) === packageName;
  };
}

/**
 * Tests whether a source file is where `spec` says the type is declared: the `from` glob
 * (relative to the config directory), or a file of the npm package `package`.
 */
export function createDeclaringFileTest(ctx: RuleContext, spec: TypeSpecifier): (sourceFile: ts.SourceFile) => boolean {
  const test = createDeclaringFileNameTest(ctx, spec);
  const bySourceFile = new WeakMap<ts.SourceFile, boolean>();
  return (sourceFile) => {
    let result = bySourceFile.get(sourceFile);
    if (result === undefined) {
      result = test(toPosix(sourceFile.fileName));
      bySourceFile.set(sourceFile, result);
    }
    return result;
  };
}

/** The same test by file name (posix), for files the program at hand may not hold. */
export function createDeclaringFileNameTest(ctx: RuleContext, spec: TypeSpecifier): (fileName: string) => boolean {
  return spec.from !== undefined ? (fileName: string) => ctx.matches(fileName, [spec.from as string]) : createPackageTest(ctx, spec.package ?? '');
}
