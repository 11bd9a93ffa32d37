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
      try {
        return fs.statSync(fileName).isFile();
      } catch {
        return false;
      }
    },
  };
}
