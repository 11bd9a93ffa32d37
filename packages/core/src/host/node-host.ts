import * as fs from 'node:fs';
import type { AnalyzerHost } from './host.js';

/** The host over the real file system; the one place in the core that touches `node:fs`. */
export function createNodeHost(): AnalyzerHost {
  return {
    readFile(fileName) {
      try {
        return fs.readFileSync(fileName, 'utf8');
      } catch {
        return undefined;
      }
    },
    fileExists(fileName) {
      // Most lookups miss (a config or baseline searched for in every directory up to the root):
      // a miss must not cost an exception.
      try {
        return fs.statSync(fileName, { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        return false;
      }
    },
    readDirectory(dir) {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return undefined;
      }
      const names = (keep: (entry: fs.Dirent) => boolean) => entries.filter(keep).map((entry) => entry.name);
      return { files: names((entry) => entry.isFile()), directories: names((entry) => entry.isDirectory()) };
    },
  };
}
