import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../packages/scanner/dist/index.js';
import { readExpectations } from '../expectations/markers.js';
import { compareToExpected, lineKey } from '../parity/compare.js';
import { runCliInProcess, runEslint } from '../parity/front-ends.js';
import { cloneName, generateProject, readTemplate, renderCorpus } from './generate.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'execgov-bench-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function diagnosticsOf(projectDir: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(projectDir, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined ? `${path.relative(projectDir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

const template = readTemplate();
const sourceCount = template.fixed.filter((f) => f.path.startsWith('src/')).length;
const minimum = sourceCount + template.slice.length;

describe('bench corpus: the template cloned with renamed modules', () => {
  it('the template has a slice to clone, with a planted violation in it', () => {
    expect(template.slice.length).toBeGreaterThan(5);
    expect(template.slice.some((f) => /\/\/ expect: /.test(f.text))).toBe(true);
    // Every slice file is in the order (a prefix of it is what a partial clone writes).
    expect(new Set(template.slice.map((f) => f.path)).size).toBe(template.slice.length);
  });

  // Three clones, the last cut short: renamed paths, renamed imports and a partial slice must all
  // type-check, and both front ends must report exactly the `// expect:` markers of what was written.
  it('a small corpus type-checks and both front ends find exactly its planted violations', async () => {
    const files = minimum + template.slice.length + 7;
    const project = generateProject({ files, outDir: path.join(tmp, 'corpus') });
    expect(project.files).toBe(files);
    expect(project.composition.clones).toBe(3);
    expect(fs.existsSync(path.join(project.dir, `src/modules/${cloneName(1)}/index.ts`))).toBe(true);
    expect(diagnosticsOf(project.dir)).toEqual([]);

    // The bench reads the markers from the text it wrote; they must be what is on disk.
    const onDisk = readExpectations(path.join(project.dir));
    expect(compareToExpected(onDisk, project.planted)).toEqual({ missing: [], unexpected: [], matched: onDisk.length });
    // One planted line per full clone beyond the template's own, so clones are analysed, not skipped.
    const perClone = template.slice.flatMap((f) => f.text.split('\n').filter((line) => line.includes('// expect: '))).length;
    const fixedPlanted = template.fixed.flatMap((f) => f.text.split('\n').filter((line) => line.includes('// expect: '))).length;
    expect(project.planted.length).toBeGreaterThanOrEqual(fixedPlanted + 2 * perClone);

    const scanner = runCliInProcess(run, project.dir);
    expect(scanner.problems).toEqual([]);
    const fromScanner = compareToExpected(project.planted, scanner.findings);
    expect({ missing: fromScanner.missing.map(lineKey), unexpected: fromScanner.unexpected.map(lineKey) }).toEqual({ missing: [], unexpected: [] });

    const eslint = await runEslint(project.dir);
    expect(eslint.problems).toEqual([]);
    const fromEslint = compareToExpected(project.planted, eslint.findings);
    expect({ missing: fromEslint.missing.map(lineKey), unexpected: fromEslint.unexpected.map(lineKey) }).toEqual({ missing: [], unexpected: [] });
  }, 180_000);

  it('renders exactly N source files with unique paths, and refuses fewer than the template', () => {
    for (const files of [minimum, minimum + 1, minimum + template.slice.length - 1, 2000]) {
      const { files: rendered } = renderCorpus(files, template);
      expect(rendered.filter((f) => f.path.startsWith('src/'))).toHaveLength(files);
      expect(new Set(rendered.map((f) => f.path)).size).toBe(rendered.length);
    }
    expect(() => renderCorpus(minimum - 1, template)).toThrow(/at least/);
  });

  it('gives every clone its own name', () => {
    const names = Array.from({ length: 200 }, (_, i) => cloneName(i));
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => /^[a-z]+\d*$/.test(name))).toBe(true);
  });
});
