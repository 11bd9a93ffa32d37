import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Corpus } from './case.js';

function readTree(root: string, dir = root, files: Record<string, string> = {}): Record<string, string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') readTree(root, absolute, files);
    } else if (entry.isFile()) {
      files[path.relative(root, absolute).split(path.sep).join('/')] = fs.readFileSync(absolute, 'utf8');
    }
  }
  return files;
}

/** Every project under `fixtures/` (sorted, so a seed means the same cases everywhere). */
export function loadCorpus(repoRoot: string): Corpus {
  const fixturesDir = path.join(repoRoot, 'fixtures');
  const names = fs
    .readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(fixturesDir, entry.name, 'tsconfig.json')))
    .map((entry) => entry.name)
    .sort();
  return { fixtures: names.map((name) => ({ name, files: readTree(path.join(fixturesDir, name)) })) };
}
