/** One generated source file, path relative to the project root with forward slashes. */
export interface GeneratedFile {
  path: string;
  text: string;
}

/**
 * Trailing comment on each line where a violation is planted. The bench reads the expected
 * findings back from the written text, so the list can never drift from the code. Comments are
 * invisible to every tool measured, so the marker does not help them.
 */
export const PLANTED_MARKER = '// bench: planted ';

/** `// bench: planted <ruleId>`, to end a violating line with. */
export function planted(ruleId: string): string {
  return `${PLANTED_MARKER}${ruleId}`;
}

/** Joins template lines, dropping `undefined` entries so optional blocks stay readable. */
export function lines(...parts: Array<string | undefined | false>): string {
  return `${parts.filter((part): part is string => typeof part === 'string').join('\n')}\n`;
}
