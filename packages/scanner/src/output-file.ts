import * as fs from 'node:fs';
import * as path from 'node:path';
import { UnreadableFileError } from './errors.js';

/**
 * Writes a file the user asked for (report, baseline, config), creating missing directories.
 * A failure is a known error naming the file, never a stack trace.
 */
export function writeUserFile(file: string, text: string, what: string, shown = file): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UnreadableFileError(`cannot write the ${what} ${shown} (${code})`, 'choose a path you can write to (its directory is created if missing)');
  }
}
