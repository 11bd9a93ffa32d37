import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { text } from './text.js';
import type { Reporter } from './types.js';

export { CLEAN_LINE } from './text.js';
export { escapeControl } from './escape.js';
export { exitCodeOf, type Reporter, type ReporterOptions, type ReporterOutput } from './types.js';

/** Every output format by name, with the line `--help` shows for it. */
export const reporters = {
  text: { reporter: text, description: 'findings grouped by file (line:col  severity  message  rule-id) and a summary (default)' },
  json: { reporter: json, description: 'the full result as JSON, described by result.schema.json' },
  sarif: { reporter: sarif, description: 'SARIF 2.1.0 for code-scanning services (e.g. GitHub code scanning)' },
  github: { reporter: github, description: 'GitHub Actions annotations on the pull request, then the text report' },
  junit: { reporter: junit, description: 'JUnit XML for CI systems that read test reports (one testcase per finding)' },
} as const satisfies Record<string, { reporter: Reporter; description: string }>;

/** A format name `--format` accepts. */
export type FormatName = keyof typeof reporters;

/** True when `name` is a known format. */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(reporters, name);
}
