import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ONLY_PLUGIN_RUN, runScanner, tempProjects, tsconfig, SCANNER_BIN as BIN } from './helpers/temp-project.js';

// The files --cache keeps, on real processes: the scan cache is trusted only when its checksum
// holds and is left alone when nothing changed; TypeScript's V8 code cache is used only when it
// is whole and V8 accepts it, and is rebuilt otherwise. Every warm result equals a cold scan.
const project = tempProjects();

const PLUGIN = `export interface Plugin {\n  run(input: unknown): Promise<unknown>;\n}\n`;

function files(): Record<string, string | object> {
  return {
    'package.json': { name: 'cache-files-sample', private: true, type: 'module' },
    'tsconfig.json': tsconfig(),
    'execution-governance.config.json': ONLY_PLUGIN_RUN,
    'src/plugins/plugin.ts': PLUGIN,
    'src/services/work.ts': `import type { Plugin } from '../plugins/plugin.js';\nexport function go(p: Plugin): Promise<unknown> {\n  return p.run(1);\n}\n`,
    'src/services/leaf.ts': `export const leaf = 1;\n`,
    // The scan cache and the code cache live in folders that exist before the first scan, so
    // writing them changes no directory listing the tsconfig's include walk recorded.
    '.scan-cache/.keep': '',
    'node_modules/.keep': '',
  };
}

/**
 * A project whose files are older than the scan's "racily clean" window (2 s): their stats are
 * kept from the first scan on, as for any file not written in the last two seconds.
 */
async function settledProject(): Promise<string> {
  const dir = project(files());
  await new Promise((resolve) => setTimeout(resolve, 2100));
  return dir;
}

interface Scan {
  code: number | null;
  stdout: string;
  stderr: string;
  analysed: number | undefined;
}

function scan(dir: string, bin = BIN): Scan {
  const child = spawnSync(process.execPath, [bin, '--format', 'json', '--cache', '--cache-location', '.scan-cache/scan-cache.json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, EXECGOV_CACHE_STATS: '1' },
  });
  const stats = /^cache: (.*)$/m.exec(child.stderr);
  return {
    code: child.status,
    stdout: child.stdout,
    stderr: child.stderr.replace(/^cache: .*\n/m, ''),
    analysed: stats ? (JSON.parse(stats[1]!) as { analysed: number }).analysed : undefined,
  };
}

/** The findings of a scan without cache (in-process), to compare warm scans with. */
function coldFindings(dir: string): unknown {
  return (JSON.parse(runScanner(['--format', 'json'], dir).stdout) as { findings: unknown }).findings;
}

const findingsOf = (one: Scan) => (JSON.parse(one.stdout) as { findings: unknown }).findings;

function stamp(file: string): { ino: number; mtimeMs: number; size: number } {
  const { ino, mtimeMs, size } = fs.statSync(file);
  return { ino, mtimeMs, size };
}

describe('the scan cache file', () => {
  it('a warm scan with nothing changed leaves the file alone (same inode, mtime and size); an edit rewrites it', async () => {
    const dir = await settledProject();
    const cacheFile = path.join(dir, '.scan-cache/scan-cache.json');
    expect(scan(dir).analysed).toBe(3);
    const written = stamp(cacheFile);
    const text = fs.readFileSync(cacheFile, 'utf8');
    for (let run = 0; run < 2; run += 1) {
      const warm = scan(dir);
      expect(warm.analysed).toBe(0);
      expect(warm.stderr).toBe('');
      expect(findingsOf(warm)).toEqual(coldFindings(dir));
      expect(stamp(cacheFile)).toEqual(written);
    }
    fs.writeFileSync(path.join(dir, 'src/services/leaf.ts'), `export const leaf = 2;\n`);
    const edited = scan(dir);
    expect(edited.analysed).toBe(1);
    expect(fs.readFileSync(cacheFile, 'utf8')).not.toBe(text);
    expect(findingsOf(edited)).toEqual(coldFindings(dir));
  });

  it('an edited, bit-flipped or older cache is not trusted: the result is a cold scan, with a note unless it is merely old', () => {
    const dir = project(files());
    const cacheFile = path.join(dir, '.scan-cache/scan-cache.json');
    const cold = coldFindings(dir);
    expect(JSON.stringify(cold)).toContain('"line":3');
    scan(dir);
    const whole = fs.readFileSync(cacheFile, 'utf8');
    const at = whole.indexOf('"optionsHash":"') + '"optionsHash":"'.length;
    const flipped = `${whole.slice(0, at)}${whole[at] === 'a' ? 'b' : 'a'}${whole.slice(at + 1)}`;
    for (const [label, text, note] of [
      // Still valid JSON and still our header: only the checksum tells.
      ['a cached finding moved to another line', whole.replace('"line":3', '"line":4'), /damaged \(its checksum does not match/],
      ['one character flipped', flipped, /damaged/],
      ['the body cut short', whole.slice(0, whole.length - 10), /corrupt or truncated/],
      ['an older format', JSON.stringify({ kind: 'execution-governance-scan-cache', format: 1, key: 'k', files: {} }), undefined],
    ] as const) {
      fs.writeFileSync(cacheFile, text);
      const warm = scan(dir);
      if (note) expect(warm.stderr, label).toMatch(note);
      else expect(warm.stderr, label).toBe('');
      expect(warm.analysed, label).toBe(3);
      expect(findingsOf(warm), label).toEqual(cold);
      expect(scan(dir).analysed, label).toBe(0);
    }
  });
});

describe("TypeScript's V8 code cache (--cache only)", () => {
  /** Header line (`<key> <sha256 of the data>`) and data of a code cache file. */
  function parts(file: string): { key: string; checksum: string; data: Buffer } {
    const bytes = fs.readFileSync(file);
    const end = bytes.indexOf(0x0a);
    const [key, checksum] = bytes.toString('latin1', 0, end).split(' ');
    return { key: key!, checksum: checksum!, data: bytes.subarray(end + 1) };
  }
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

  // TypeScript's 9 MB file, and the core the CLI bundles with zod (scripts/build/bundle.ts).
  it.each(['typescript', 'core'])(
    '%s: is written under node_modules/.cache, reused as is, and a stale, damaged or rejected one falls back to a plain load and is rebuilt',
    (module) => {
      const dir = project(files());
      const codeCache = path.join(dir, `node_modules/.cache/execution-governance/${module}.v8-cache`);
      scan(dir);
      const first = parts(codeCache);
      expect(first.data.length).toBeGreaterThan(100_000);
      expect(first.checksum).toBe(sha256(first.data));
      const accepted = stamp(codeCache);

      let edits = 0;
      const editAndScan = (label: string) => {
        edits += 1;
        fs.writeFileSync(path.join(dir, 'src/services/leaf.ts'), `export const leaf = ${edits + 1};\n`);
        const warm = scan(dir);
        expect(warm.analysed, label).toBe(1);
        expect(warm.stderr, label).toBe('');
        expect(findingsOf(warm), label).toEqual(coldFindings(dir));
        return warm;
      };

      // Accepted: used and left alone.
      editAndScan('accepted');
      expect(stamp(codeCache)).toEqual(accepted);

      const garbage = Buffer.from('not bytecode '.repeat(100));
      for (const [label, bytes] of [
        // Another TypeScript or Node: never offered to V8.
        ['stale key', Buffer.concat([Buffer.from(`${'0'.repeat(40)} ${first.checksum}\n`), first.data])],
        // A flipped byte: our checksum catches it before V8 sees it (V8 checks only lengths and versions).
        ['damaged data', Buffer.concat([Buffer.from(`${first.key} ${first.checksum}\n`), Buffer.from(first.data.map((b, i) => (i === 5000 ? b ^ 1 : b)))])],
        // Whole, and ours, but not code V8 accepts: it rejects it and compiles as usual.
        ['rejected by V8', Buffer.concat([Buffer.from(`${first.key} ${sha256(garbage)}\n`), garbage])],
        ['empty', Buffer.alloc(0)],
      ] as const) {
        fs.writeFileSync(codeCache, bytes);
        editAndScan(label);
        const rebuilt = parts(codeCache);
        expect(rebuilt.key, label).toBe(first.key);
        expect(rebuilt.checksum, label).toBe(sha256(rebuilt.data));
        expect(rebuilt.data.length, label).toBeGreaterThan(100_000);
      }
    },
  );

  it('a warm scan with nothing to re-analyse loads neither TypeScript nor the core, so it neither reads nor writes their code caches', async () => {
    const dir = await settledProject();
    const codeCaches = ['typescript', 'core'].map((module) => path.join(dir, `node_modules/.cache/execution-governance/${module}.v8-cache`));
    scan(dir);
    for (const codeCache of codeCaches) fs.rmSync(codeCache);
    expect(scan(dir).analysed).toBe(0);
    for (const codeCache of codeCaches) expect(fs.existsSync(codeCache)).toBe(false);
  });
});

describe('the tool is part of the cache key', () => {
  it('a rebuilt CLI or bundled core is another tool: nothing cached by the old build is reused', () => {
    // A copy of the built package (its two bundled files; node_modules shared), so rebuilding it
    // here touches no file another test runs.
    const pkg = project({ 'package.json': fs.readFileSync(path.join(path.dirname(BIN), '../package.json'), 'utf8') });
    fs.mkdirSync(path.join(pkg, 'dist'));
    for (const file of ['bin.js', 'core.cjs']) fs.copyFileSync(path.join(path.dirname(BIN), file), path.join(pkg, 'dist', file));
    fs.symlinkSync(path.join(path.dirname(BIN), '../node_modules'), path.join(pkg, 'node_modules'), 'dir');
    const bin = path.join(pkg, 'dist/bin.js');
    const dir = project(files());
    scan(dir, bin);
    expect(scan(dir, bin).analysed).toBe(0);
    for (const file of ['core.cjs', 'bin.js']) {
      fs.appendFileSync(path.join(pkg, 'dist', file), '\n// rebuilt\n');
      const after = scan(dir, bin);
      expect(after.analysed, file).toBe(3);
      expect(findingsOf(after), file).toEqual(coldFindings(dir));
      expect(scan(dir, bin).analysed, file).toBe(0);
    }
  });
});
