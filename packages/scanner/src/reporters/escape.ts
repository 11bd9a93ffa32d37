/**
 * Control characters (C0, DEL, C1) and Unicode line/paragraph separators: a file name or message
 * holding one could start a new line in a report, e.g. a fake `Execution scanner OK`.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hex(char: string): string {
  return char.charCodeAt(0).toString(16).padStart(4, '0');
}

/** `text` with every control character shown as an escape (`\n`, `\u001b`), so it stays on one line. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (char) => NAMED[char] ?? `\\u${hex(char)}`);
}

/**
 * JSON text with the characters JSON.stringify leaves raw (DEL, C1, U+2028/9) escaped as `\uXXXX`.
 * They can only occur inside strings, where the escape parses back to the same value.
 */
export function escapeJsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${hex(char)}`);
}
