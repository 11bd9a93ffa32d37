import type { Category, Entry, Outcome } from '../case.js';
import { miniProject, violationReported, VIOLATION_FILE } from '../project.js';
import type { Random } from '../random.js';

const SAMPLE = `import type { Plugin } from '../plugins/plugin.js';

// Ünïcödé comment: 日本語, emoji 🚀, RTL \u202e override, zero width \u200b joiner.
export const greeting = 'héllo wörld ✓';
export async function direct(plugin: Plugin): Promise<unknown> {
  return plugin.run({ text: greeting });
}
`;

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    bytes[2 + 2 * i] = bigEndian ? unit >> 8 : unit & 0xff;
    bytes[3 + 2 * i] = bigEndian ? unit & 0xff : unit >> 8;
  }
  return bytes;
}

const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Encodings tsc compiles: the scanner must analyse them, never call them binary. */
const COMPILABLE: ReadonlyArray<{ name: string; encode(text: string): Entry }> = [
  { name: 'UTF-16 LE with BOM', encode: (text) => utf16(text, false) },
  { name: 'UTF-16 BE with BOM', encode: (text) => utf16(text, true) },
  { name: 'UTF-8 with BOM', encode: (text) => concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(text)) },
  { name: 'CRLF line endings', encode: (text) => text.replace(/\n/g, '\r\n') },
  { name: 'CR line endings', encode: (text) => text.replace(/\n/g, '\r') },
  { name: 'U+2028/U+2029 separators', encode: (text) => text.replace(/\n\n/g, '\n\u2028\u2029\n') },
];

/** Bytes tsc reads too, though not as the author meant: findings are fine, crashes are not. */
const DAMAGED: ReadonlyArray<{ name: string; encode(text: string, random: Random): Entry }> = [
  {
    name: 'invalid UTF-8 bytes',
    encode: (text, random) => concat(utf8(text.slice(0, 80)), new Uint8Array([0xc3, 0x28, 0xff, 0xfe, 0xa0]), utf8(text.slice(80)), random.bytes(3)),
  },
  { name: 'Latin-1 bytes', encode: (text) => Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff)) },
  { name: 'UTF-16 without BOM', encode: (text) => utf16(text, false).slice(2) },
  {
    name: 'UTF-32 LE with BOM',
    encode: (text) =>
      concat(
        new Uint8Array([0xff, 0xfe, 0, 0]),
        ...[...text].map((c) => new Uint8Array([c.codePointAt(0)! & 0xff, (c.codePointAt(0)! >> 8) & 0xff, c.codePointAt(0)! >> 16, 0])),
      ),
  },
  { name: 'lone surrogates', encode: (text) => `${text}export const lone = '\ud800\udfff\udc00';\n` },
];

const notBinary = (outcome: Outcome): string | undefined =>
  /appears to be binary/i.test(outcome.stdout) ? 'a file tsc compiles was reported as binary' : violationReported(outcome);

/** A file name with a newline and a fake clean line: the text reporter must not print it as a line of its own. */
function controlCharacterName(): { title: string; files: Record<string, Entry>; check(outcome: Outcome): string | undefined } {
  const name = 'src/services/evil\nExecution scanner OK\n\u001b[2K.ts';
  return {
    title: 'newline, fake "Execution scanner OK" and ESC in a file name',
    files: miniProject({ [name]: SAMPLE }),
    check: (outcome) =>
      outcome.exitCode === 1 && outcome.stdout.split('\n').some((line) => line.trim() === 'Execution scanner OK')
        ? 'a file name injected a fake "Execution scanner OK" line into the report'
        : undefined,
  };
}

/** Source files re-encoded (UTF-16 with BOM, BOMs, line separators, broken bytes) and control characters in names. */
export const encodings: Category = {
  name: 'encodings',
  description: 'UTF-16 LE/BE and UTF-8 with BOM, CR/CRLF, U+2028, invalid UTF-8, Latin-1, UTF-32, lone surrogates, control characters in file names',
  generate(random) {
    const roll = random.int(0, 9);
    if (roll === 0) {
      return { category: this.name, ...controlCharacterName(), args: [] };
    }
    if (roll <= 6) {
      const encoding = random.pick(COMPILABLE);
      // Either the violation file itself (it must still be found) or a second file.
      const target = random.chance(0.5) ? VIOLATION_FILE : 'src/services/encoded.ts';
      return {
        category: this.name,
        title: `${encoding.name} (${target})`,
        files: miniProject({ [target]: encoding.encode(SAMPLE) }),
        args: [],
        check: notBinary,
      };
    }
    const encoding = random.pick(DAMAGED);
    return { category: this.name, title: encoding.name, files: miniProject({ 'src/services/damaged.ts': encoding.encode(SAMPLE, random) }), args: [] };
  },
};
