import { escapeJsonText } from './escape.js';
import { exitCodeOf, type Reporter } from './types.js';

/** The ScanResult as pretty JSON (see result.schema.json); a saved one can be re-rendered. */
export const json: Reporter = (result) => ({
  output: `${escapeJsonText(JSON.stringify(result, null, 2))}\n`,
  exitCode: exitCodeOf(result),
});
