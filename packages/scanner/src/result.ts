import { z } from 'zod';
import { RESULT_SCHEMA_VERSION } from './summary.js';

export { RESULT_SCHEMA_VERSION, summarize } from './summary.js';

const severity = z.enum(['error', 'warn']);

/** One finding as reported: the core's Finding with cwd-relative and absolute paths. */
export const reportedFindingSchema = z.strictObject({
  ruleId: z.string().min(1).describe('Rule id, or "syntax-error" / "invalid-suppression" for problems of the analysis itself.'),
  messageId: z.string().min(1).describe('Stable id of the message; assert on this, not on the prose.'),
  data: z.record(z.string(), z.string()).describe('Values filled into the message placeholders.'),
  message: z.string(),
  severity,
  file: z.string().min(1).describe('Path relative to `cwd`, forward slashes.'),
  absolutePath: z.string().min(1).describe('Absolute path, forward slashes.'),
  line: z.int().min(1).describe('1-based.'),
  column: z.int().min(1).describe('1-based.'),
  endLine: z.int().min(1),
  endColumn: z.int().min(1).describe('1-based, exclusive.'),
  fingerprint: z.string().min(1).describe('Stable across unrelated edits (no line numbers in it).'),
});

/** A file path given both relative to `cwd` and absolute. */
const location = z.strictObject({
  path: z.string().min(1).describe('Relative to `cwd`, forward slashes.'),
  absolutePath: z.string().min(1),
});

/** The whole result of one scan; `--format json` prints it and every reporter renders it. */
export const scanResultSchema = z
  .strictObject({
    schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
    version: z.string().min(1).describe('Version of @execgov/scanner that produced the result.'),
    cwd: z.string().min(1).describe('Absolute working directory the relative paths are relative to.'),
    configFile: location.nullable().describe('The config used; null when the defaults applied.'),
    projects: z.array(location.extend({ filesScanned: z.int().min(0) })).describe('Every tsconfig loaded, in order.'),
    filesScanned: z.int().min(0).describe('Files analysed (each counted once, however many projects hold it).'),
    findings: z.array(reportedFindingSchema).describe('Sorted by file, line, column.'),
    summary: z.strictObject({
      problems: z.int().min(0),
      errors: z.int().min(0),
      warnings: z.int().min(0),
      filesWithProblems: z.int().min(0),
    }),
    baseline: z
      .strictObject({
        file: location.describe('The baseline applied; when several applied, the first of `files`.'),
        known: z.int().min(0).describe('Findings hidden because the baseline records them (all baselines together).'),
        stale: z.int().min(0).describe('Baseline entries no longer found: fixed, or their code changed (all baselines together).'),
        files: z
          .array(location.extend({ known: z.int().min(0), stale: z.int().min(0) }))
          .min(2)
          .optional()
          .describe('Present when several baselines applied (nested configs with their own, see docs/configuration.md): each with its own counts, by path.'),
      })
      .optional()
      .describe(
        'Present when a baseline applied (--baseline, or execution-governance.baseline.json on a config chain); `findings` and `summary` then hold only findings no baseline knows.',
      ),
  })
  .describe('Result of scan-execution-violations (`--format json`).');

/** One reported finding. */
export type ReportedFinding = z.infer<typeof reportedFindingSchema>;
/** The result every reporter renders. */
export type ScanResult = z.infer<typeof scanResultSchema>;

/** The JSON Schema shipped as `result.schema.json`, derived from `scanResultSchema`. */
export function getResultJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(scanResultSchema, { target: 'draft-2020-12' }) as Record<string, unknown>),
    $id: 'https://execgov.dev/schema/scan-result.json',
    title: 'scan-execution-violations result',
  };
}

/** Parses a saved result (e.g. a file written by `--format json`), throwing on a mismatch. */
export function parseScanResult(value: unknown): ScanResult {
  return scanResultSchema.parse(value);
}
