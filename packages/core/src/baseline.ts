import { z } from 'zod';
import type { AnalyzerHost } from './host/host.js';

export { BASELINE_FILE_NAME, conventionalBaseline, createBaselineLocator } from './files.js';

/**
 * A baseline records the findings a team accepts for now (by fingerprint, which survives edits
 * elsewhere in a file) so that adopting the rules on a large codebase gates only new findings.
 * The rule, file and message are kept beside each fingerprint for people reading its diffs.
 */
export const baselineSchema = z.strictObject({
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

/** A baseline file that cannot be read or is not a baseline; `hint` says what to do. */
export class BaselineError extends Error {
  readonly hint = 'create or refresh it with --baseline <file> --update-baseline';
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** Parses and validates a baseline's text; `shown` names the file in errors. Throws BaselineError. */
export function parseBaseline(text: string, shown: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`baseline ${shown} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BaselineError(`baseline ${shown} is not a baseline (${issue?.path.join('.') || '$'}: ${issue?.message})`);
  }
  return parsed.data;
}

/** Reads and validates a baseline file through `host`. Throws BaselineError. */
export function readBaselineFile(file: string, host: AnalyzerHost, shown = file): Baseline {
  const text = host.readFile(file);
  if (text === undefined) throw new BaselineError(`baseline ${shown} cannot be read (${host.fileExists(file) ? 'EACCES' : 'ENOENT'})`);
  return parseBaseline(text, shown);
}

/** Findings the baseline does not know, plus how many it hid and how many of its entries matched nothing. */
export function matchBaseline<F extends { fingerprint: string }>(findings: readonly F[], baseline: Baseline): { kept: F[]; known: number; stale: number } {
  const recorded = new Set(baseline.findings.map((entry) => entry.fingerprint));
  const found = new Set(findings.map((finding) => finding.fingerprint));
  const kept = findings.filter((finding) => !recorded.has(finding.fingerprint));
  return { kept, known: findings.length - kept.length, stale: [...recorded].filter((fingerprint) => !found.has(fingerprint)).length };
}
