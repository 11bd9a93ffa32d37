import * as path from 'node:path';
import picomatch from 'picomatch';

/** Forward-slash form of a path (TypeScript file names already use it). */
export function toPosix(fileName: string): string {
  return fileName.replace(/\\/g, '/');
}

/** `fileName` relative to `dir`, forward slashes. */
export function relativeTo(dir: string, fileName: string): string {
  return toPosix(path.relative(dir, fileName));
}

/** A matcher for globs relative to `dir`; `**\/x` globs also match outside `dir`. */
export function createGlobMatcher(dir: string): (fileName: string, globs: readonly string[]) => boolean {
  const compiled = new Map<string, (p: string) => boolean>();
  const compile = (glob: string) => {
    let matcher = compiled.get(glob);
    if (!matcher) {
      matcher = picomatch(toPosix(glob), { dot: true });
      compiled.set(glob, matcher);
    }
    return matcher;
  };
  // Every file is matched against the same few globs many times (include, exclude, layers,
  // guards' allowIn, runner): its two path forms are computed once.
  const forms = new Map<string, { relative: string; absolute: string }>();
  const base = `${toPosix(dir).replace(/\/$/, '')}/`;
  const formsOf = (fileName: string) => {
    let entry = forms.get(fileName);
    if (!entry) {
      // Most file names are absolute and below `dir` already: no path resolution needed for them.
      const posix = toPosix(fileName);
      const absolute = posix.startsWith('/') && !posix.includes('/./') && !posix.includes('/../') ? posix : toPosix(path.resolve(dir, fileName));
      const relative = absolute.startsWith(base) ? absolute.slice(base.length) : relativeTo(dir, absolute);
      entry = { relative, absolute: absolute.replace(/^\//, '') };
      forms.set(fileName, entry);
    }
    return entry;
  };
  return (fileName, globs) => {
    const { relative, absolute } = formsOf(fileName);
    return globs.some((glob) => {
      const matcher = compile(glob);
      // Globs are relative to the config; a `**/`-led glob is a suffix pattern and may also
      // match files above it (defaults without a config file, workspaces linked from outside).
      return matcher(relative) || (glob.startsWith('**/') && matcher(absolute));
    });
  };
}
