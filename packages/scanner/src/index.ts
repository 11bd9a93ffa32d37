export { BIN_NAME, parseCommandLine, usage, type Command, type InitOptions, type ScanOptions } from './args.js';
export { KnownError, ProjectError, UnreadableFileError, UsageError, isKnownError } from './errors.js';
export { loadProgram, planProjects, type ProjectPlan } from './load-projects.js';
export {
  CLEAN_LINE,
  escapeControl,
  exitCodeOf,
  isFormatName,
  reporters,
  type FormatName,
  type Reporter,
  type ReporterOptions,
  type ReporterOutput,
} from './reporters/index.js';
export {
  RESULT_SCHEMA_VERSION,
  getResultJsonSchema,
  parseScanResult,
  reportedFindingSchema,
  scanResultSchema,
  type ReportedFinding,
  type ScanResult,
} from './result.js';
export { run, scanWithOptions, scannerVersion, type ExitCode, type RunIO } from './run.js';
export { scan, type ScanInput } from './scan.js';
