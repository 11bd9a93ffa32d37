import type { ScanResult } from '../result.js';

/** What a reporter returns: the text to print and the exit code it implies. */
export interface ReporterOutput {
  output: string;
  exitCode: 0 | 1;
}

/** How to render: only the text-based reporters look at `color`. */
export interface ReporterOptions {
  color?: boolean | undefined;
}

/** A pure rendering of a scan result; it never writes anything itself. */
export type Reporter = (result: ScanResult, options?: ReporterOptions) => ReporterOutput;

/** Exit code for a result: 1 when any error-severity finding remains; warnings alone pass. */
export function exitCodeOf(result: ScanResult): 0 | 1 {
  return result.summary.errors > 0 ? 1 : 0;
}
