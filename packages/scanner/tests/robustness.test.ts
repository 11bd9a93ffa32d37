import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScanResult } from '../src/result.js';
import { cleanProjectFiles, deeplyNestedFiles, runScanner, tempProjects, VIOLATING_SERVICE_FILE } from './helpers/temp-project.js';

const project = tempProjects();

function scanJson(dir: string, extra: readonly string[] = []) {
  const { code, stdout, stderr } = runScanner(['--format', 'json', ...extra], dir);
  expect(stderr).toBe('');
  return { code, findings: parseScanResult(JSON.parse(stdout)).findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.messageId}`) };
}

function utf16(text: string, bigEndian: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  if (bigEndian) body.swap16();
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
}

const DEEP_FINDINGS = [
  'src/deep/parens.ts:1 syntax-error tooDeeplyNested',
  'src/deep/unary.ts:1 syntax-error tooDeeplyNested',
  'src/services/bypass.ts:4 no-direct-plugin-run directUse',
];

function deepProject(): string {
  return project({ ...cleanProjectFiles(), 'src/services/bypass.ts': VIOLATING_SERVICE_FILE, ...deeplyNestedFiles() });
}

describe('deeply nested files', () => {
  it('a file TypeScript runs out of stack on is a finding naming it; every other file is still scanned', () => {
    const { code, findings } = scanJson(deepProject());
    expect(code).toBe(1);
    expect(findings).toEqual(DEEP_FINDINGS);
  });

  it('with --cache: the same findings as a full scan, cold and warm, and after an edit elsewhere', () => {
    const dir = deepProject();
    const full = scanJson(dir);
    expect(full.findings).toEqual(DEEP_FINDINGS);
    const cached = ['--cache', '--cache-location', path.join(dir, '.scan-cache/')];
    expect(scanJson(dir, cached)).toEqual(full);
    expect(scanJson(dir, cached)).toEqual(full);
    fs.appendFileSync(path.join(dir, 'src/services/bypass.ts'), '\nexport const edited = 1;\n');
    expect(scanJson(dir, cached)).toEqual(scanJson(dir));
    fs.writeFileSync(path.join(dir, 'execution-governance.config.json'), '{"rules": {"no-layer-bypass": "off"}}\n');
    expect(scanJson(dir, cached)).toEqual(scanJson(dir));
  });
});

describe('source encodings', () => {
  it('scans UTF-16 files with a BOM (tsc compiles them) instead of calling them binary', () => {
    const dir = project({ ...cleanProjectFiles() });
    fs.writeFileSync(path.join(dir, 'src/services/le.ts'), utf16(VIOLATING_SERVICE_FILE, false));
    fs.writeFileSync(path.join(dir, 'src/services/be.ts'), utf16(VIOLATING_SERVICE_FILE, true));
    const { code, findings } = scanJson(dir);
    expect(code).toBe(1);
    expect(findings).toEqual(['src/services/be.ts:4 no-direct-plugin-run directUse', 'src/services/le.ts:4 no-direct-plugin-run directUse']);
  });
});
