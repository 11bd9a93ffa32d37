import type { ConfigError } from '@execgov/core';
import { core } from './core-module.js';
import { escapeControl } from './reporters/escape.js';

/**
 * A problem the user can fix (bad argument, missing tsconfig, unreadable file): printed as one
 * line plus a hint, exit 2. Anything else is a bug and is printed with its stack.
 */
export class KnownError extends Error {
  /** What to do about it. */
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** The command line itself is wrong. */
export class UsageError extends KnownError {}

/** A tsconfig is missing or does not parse. */
export class ProjectError extends KnownError {}

/** A file or path the scan needs cannot be read. */
export class UnreadableFileError extends KnownError {}

/** The configuration reference, online (the user's install has no docs/ folder). */
export const CONFIGURATION_DOCS_URL = 'https://github.com/execgov/execution-governance/blob/main/docs/configuration.md';

/** True for errors that are the user's to fix (including a config that fails validation). */
export function isKnownError(error: unknown): error is KnownError | ConfigError {
  return error instanceof KnownError || error instanceof core().ConfigError;
}

/** The lines printed on stderr for a known error: cause, details, hint. */
export function formatKnownError(error: KnownError | ConfigError, relative: (file: string) => string, level: 'error' | 'warning' = 'error'): string {
  if (!(error instanceof KnownError) && error.kind === 'mismatch') {
    // "configChecks": "error" stops the scan with these lines; "warn" prints them as a warning.
    const source = relative(error.source);
    const lines = [`${level}: execution-governance config ${source} names what the programs do not have`];
    for (const issue of error.issues) lines.push(`  ${source}: ${issue.path}: ${issue.message}`);
    lines.push(
      level === 'error'
        ? 'hint: fix the entries named above (paths are relative to the config file; see docs/configuration.md), or set "configChecks": "warn" to scan anyway'
        : 'hint: fix the entries named above; the scan ran, but these entries check nothing',
    );
    return `${lines.join('\n')}\n`;
  }
  if (!(error instanceof KnownError)) {
    const source = relative(error.source);
    const lines = [`error: invalid execution-governance config ${source}`];
    for (const issue of error.issues) lines.push(`  ${source}: ${issue.path}: ${issue.message}`);
    lines.push(
      `hint: fix the keys named above (every key is described in node_modules/@execgov/core/schema.json and ${CONFIGURATION_DOCS_URL}), or pass another file with --config`,
    );
    return `${lines.map(escapeControl).join('\n')}\n`;
  }
  // A message may span lines (one per tsconfig error): each line is escaped, the line breaks kept.
  const escapeLines = (text: string) => text.split('\n').map(escapeControl).join('\n');
  return `error: ${escapeLines(error.message)}\nhint: ${escapeLines(error.hint)}\n`;
}
