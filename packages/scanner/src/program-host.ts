import * as path from 'node:path';
import type * as TS from 'typescript';

// How the scanner reads a project, in a module that imports none of the scanner's own: the bench's
// TypeScript-alone floor (scripts/bench/typescript-floor.mjs) builds its program with these too.

/**
 * Options the scanner adds to every tsconfig it reads. The project's own compiler may be TypeScript
 * 5, where `moduleResolution: "node"`, `baseUrl` or `target: "ES5"` are fine; the scanner's
 * TypeScript 6 still honours them but reports them as deprecated (TS5101, TS5107) and tsc would stop
 * on that. Deprecations say nothing about what the code means, so the scanner silences them.
 */
export function readerOptions(ts: typeof TS): TS.CompilerOptions {
  const major = Number(ts.versionMajorMinor.split('.')[0]);
  return major >= 5 ? { ignoreDeprecations: `${major}.0` } : {};
}

/**
 * Sets up a compiler host as an editor's: JSDoc parsed only where it carries types (JavaScript
 * files), and a referenced project's imports read from its sources, not from its build output
 * (`useSourceOfProjectReferenceRedirect`, as tsserver and typescript-eslint's project service do).
 * Without that, a monorepo whose referenced packages are not built yet resolves their types to
 * missing `.d.ts` files: every guarded type there would be an error type, and its uses unseen.
 */
export function prepareHost(ts: typeof TS, host: TS.CompilerHost): void {
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;
  (host as TS.CompilerHost & { useSourceOfProjectReferenceRedirect?: () => boolean }).useSourceOfProjectReferenceRedirect = () => true;
}

/** Makes `host` read the files in `emptied` as empty: TypeScript ran out of stack on them (see buildSurvivingOverflow). */
export function readAsEmpty(ts: typeof TS, host: TS.CompilerHost, emptied: ReadonlySet<string>): void {
  if (emptied.size === 0) return;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    emptied.has(path.resolve(fileName)) ? ts.createSourceFile(fileName, '', languageVersion) : getSourceFile(fileName, languageVersion, onError, shouldCreate);
}
