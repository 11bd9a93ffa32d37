import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnreadableFileError } from '../src/errors.js';
import { unreadablePathError, whyUnreadable } from '../src/file-access.js';
import { runScanner, tempProjects, tsconfig } from './helpers/temp-project.js';

const project = tempProjects();

function fsError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the file system to refuse');
}

// Permission cases (EACCES) need a user other than root; `pnpm fuzz` runs them unprivileged.
describe('unreadablePathError', () => {
  it('turns a file-system refusal into a known error naming the path relative to the cwd', () => {
    const dir = project({ 'src/a.ts': 'export {};\n' });
    const error = unreadablePathError(
      fsError(() => fs.readdirSync(path.join(dir, 'src/a.ts'))),
      dir,
    );
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error?.message).toBe('src/a.ts cannot be read (ENOTDIR)');
  });

  it('leaves missing files and anything that is not a file-system error to the others', () => {
    const dir = project({});
    expect(
      unreadablePathError(
        fsError(() => fs.readFileSync(path.join(dir, 'gone.ts'))),
        dir,
      ),
    ).toBeUndefined();
    expect(unreadablePathError(new Error('boom'), dir)).toBeUndefined();
    expect(unreadablePathError(null, dir)).toBeUndefined();
  });
});

describe('whyUnreadable', () => {
  it('says "does not exist" only for a missing file', () => {
    const dir = project({ 'a.ts': '' });
    expect(whyUnreadable(path.join(dir, 'gone.ts'))).toBe('does not exist');
    expect(whyUnreadable(path.join(dir, 'a.ts/child.ts'))).toBe('cannot be read (ENOTDIR)');
  });
});

describe('run', () => {
  it('a tsconfig that is a directory exits 2 naming it, without a stack trace', () => {
    const dir = project({ 'tsconfig.json/keep': '', 'real/tsconfig.json': tsconfig(), 'real/src/a.ts': 'export {};\n' });
    const { code, stderr } = runScanner(['--project', 'tsconfig.json/'], dir);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
