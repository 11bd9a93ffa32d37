import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { UnreadableFileError } from './errors.js';
import { summarize, type ScanResult } from './result.js';

/**
 * A baseline records the findings a team accepts for now (by fingerprint, which survives edits
 * elsewhere in a file) so that adopting the rules on a large codebase gates only new findings.
 * The rule, file and message are kept beside each fingerprint for people reading its diffs.
 */
const baselineSchema = z.strictObject({
  schemaVersion: z.literal(1),
  findings: z.array(
    z.strictObject({
      fingerprint: z.string().min(1),
      ruleId: z.string().min(1),
      file: z.string().min(1),
      message: z.string(),
    }),
  ),
});

export type Baseline = z.infer<typeof baselineSchema>;

const REFRESH_HINT = 'create or refresh it with --baseline <file> --update-baseline';

/** Reads and validates a baseline file; a missing or malformed one stops the scan (exit 2). */
export function readBaseline(file: string, shown = file): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UnreadableFileError(`baseline ${shown} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, REFRESH_HINT);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UnreadableFileError(`baseline ${shown} is not valid JSON: ${(error as Error).message}`, REFRESH_HINT);
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnreadableFileError(`baseline ${shown} is not a baseline (${issue?.path.join('.') || '$'}: ${issue?.message})`, REFRESH_HINT);
  }
  return parsed.data;
}

/** The baseline that accepts every finding of `result`, as the file's text (stable order). */
export function renderBaseline(result: ScanResult): string {
  const baseline: Baseline = {
    schemaVersion: 1,
    findings: result.findings.map(({ fingerprint, ruleId, file, message }) => ({ fingerprint, ruleId, file, message })),
  };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** `result` without the findings the baseline knows, with counts of known and stale entries. */
export function applyBaseline(result: ScanResult, baseline: Baseline, file: string): ScanResult {
  const known = new Set(baseline.findings.map((entry) => entry.fingerprint));
  const found = new Set(result.findings.map((finding) => finding.fingerprint));
  const findings = result.findings.filter((finding) => !known.has(finding.fingerprint));
  return {
    ...result,
    findings,
    summary: summarize(findings),
    baseline: {
      file: { path: path.relative(result.cwd, file).replace(/\\/g, '/'), absolutePath: file.replace(/\\/g, '/') },
      known: result.findings.length - findings.length,
      stale: [...known].filter((fingerprint) => !found.has(fingerprint)).length,
    },
  };
}
