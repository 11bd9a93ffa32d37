import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LineFinding } from '../parity/compare.js';

/** Repository root, for locating `fixtures/`. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const fixturesDir = path.join(repoRoot, 'fixtures');

// `// expect: <rule-id>[, <rule-id>]` at the end of a line: the line must be reported by each rule.
const MARKER = /\/\/\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;
const SOURCE = /\.(c|m)?tsx?$/;

/** Every fixture project: a folder of `fixtures/` holding a tsconfig.json. */
export function listFixtureProjects(dir = fixturesDir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'tsconfig.json')))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

/** The findings the markers of one file's text ask for; `file` is how they name it. */
export function expectationsInText(file: string, text: string): LineFinding[] {
  return text.split(/\r?\n/).flatMap((line, index) => {
    const match = MARKER.exec(line);
    if (!match?.[1]) return [];
    return match[1].split(',').map((rule) => ({ rule: rule.trim(), file, line: index + 1 }));
  });
}

/** The marked findings of every .ts/.tsx file under `projectDir` (paths relative to it, forward slashes). */
export function readExpectations(projectDir: string): LineFinding[] {
  const found: LineFinding[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (SOURCE.test(entry.name)) {
        found.push(...expectationsInText(path.relative(projectDir, full).replace(/\\/g, '/'), fs.readFileSync(full, 'utf8')));
      }
    }
  };
  walk(projectDir);
  return found;
}
