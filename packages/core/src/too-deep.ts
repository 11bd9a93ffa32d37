import { createHash } from 'node:crypto';
import { DIAGNOSTIC_MESSAGES } from './messages.js';
import { toPosix } from './paths.js';
import type { Finding } from './types.js';

/**
 * True for the RangeError V8 throws when the call stack overflows. TypeScript's parser, binder
 * and checker recurse over the syntax tree, so a file nested a few thousand levels deep hits it.
 */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** How a rule's failure on a file is reported: a stack overflow is the file's depth; anything else is our bug. */
export function ruleFailure(ruleId: string, error: unknown): { messageId: 'tooDeeplyNested' | 'ruleCrashed'; template: string; data: Record<string, string> } {
  if (isStackOverflow(error)) return { messageId: 'tooDeeplyNested', template: DIAGNOSTIC_MESSAGES.tooDeeplyNested, data: {} };
  const message = error instanceof Error ? error.message : String(error);
  return { messageId: 'ruleCrashed', template: DIAGNOSTIC_MESSAGES.ruleCrashed, data: { ruleId, message } };
}

/**
 * The finding for a file TypeScript itself could not parse or bind for lack of stack (reported
 * as a `syntax-error`: like a file that does not parse, it was not analysed). `relativePath` keys
 * the fingerprint, as for every finding.
 */
export function tooDeeplyNestedFinding(fileName: string, relativePath: string): Finding {
  const fingerprint = createHash('sha256').update(['syntax-error', relativePath, 'tooDeeplyNested', '', '', '0'].join('\u0000')).digest('hex').slice(0, 32);
  return {
    ruleId: 'syntax-error',
    messageId: 'tooDeeplyNested',
    data: {},
    message: DIAGNOSTIC_MESSAGES.tooDeeplyNested,
    severity: 'error',
    file: toPosix(fileName),
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    fingerprint,
  };
}
