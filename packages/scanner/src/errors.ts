import { ConfigError } from '@execgov/core';

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

/** True for errors that are the user's to fix (including a config that fails validation). */
export function isKnownError(error: unknown): error is KnownError | ConfigError {
  return error instanceof KnownError || error instanceof ConfigError;
}

/** The lines printed on stderr for a known error: cause, details, hint. */
export function formatKnownError(error: KnownError | ConfigError, relative: (file: string) => string): string {
  if (error instanceof ConfigError) {
    const source = relative(error.source);
    const lines = [`error: invalid execution-governance config ${source}`];
    for (const issue of error.issues) lines.push(`  ${source}: ${issue.path}: ${issue.message}`);
    lines.push('hint: fix the keys named above (the JSON Schema is @execgov/core/schema.json; see docs/configuration.md), or pass another file with --config');
    return `${lines.join('\n')}\n`;
  }
  return `error: ${error.message}\nhint: ${error.hint}\n`;
}
