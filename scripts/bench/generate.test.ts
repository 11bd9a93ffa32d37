import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { PLANTED_MARKER } from './generator/file.js';
import { MIN_FILES } from './generator/plan.js';
import { generateProject, renderProject } from './generate.js';

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
    const where = d.file && d.start !== undefined ? `${path.relative(projectDir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('bench project generator', () => {
  it('writes a small project that type-checks with zero diagnostics and holds exactly the planted violations it reports', () => {
    const project = generateProject({ files: 60, outDir: path.join(tmp, 'p60') });
    const sources = walk(path.join(project.dir, 'src'));
    expect(sources).toHaveLength(60);
    expect(project.composition.domains).toBeGreaterThan(0);

    expect(diagnosticsOf(project.dir)).toEqual([]);

    const onDisk = sources.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.includes(PLANTED_MARKER) ? [{ file: path.relative(project.dir, file).split(path.sep).join('/'), line: i + 1 }] : [])),
    );
    expect(onDisk).toHaveLength(project.planted.length);
    expect(project.planted.map(({ file, line }) => ({ file, line }))).toEqual(expect.arrayContaining(onDisk));
    expect(project.plantedByRule).toEqual({ 'no-direct-plugin-run': 4, 'no-layer-bypass': 1, 'valid-lifecycle-states': 1 });
  });

  it('type-checks at the smallest size it accepts', () => {
    const project = generateProject({ files: MIN_FILES, outDir: path.join(tmp, 'min') });
    expect(diagnosticsOf(project.dir)).toEqual([]);
    expect(() => renderProject(MIN_FILES - 1, 1)).toThrow(/at least/);
  });

  it('renders exactly N files, the same text for the same seed', () => {
    for (const files of [MIN_FILES, 61, 137, 2000]) expect(renderProject(files, 7).rendered).toHaveLength(files);
    const texts = (seed: number) => renderProject(200, seed).rendered.map((f) => `${f.path}\n${f.text}`).join('\n');
    expect(texts(7)).toBe(texts(7));
    expect(texts(7)).not.toBe(texts(8));
  });
});
