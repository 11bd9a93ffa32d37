import type * as TS from 'typescript';

/**
 * Parsed and bound source files kept from one program to the next, in a process that scans more
 * than once (the daemon, src/daemon/): a file whose text is exactly what was parsed before, under
 * the same compiler options and parse options, is handed back as it is, already bound. It is how
 * TypeScript's own language service shares files between the programs of successive edits (its
 * document registry): a file's parse and binding depend on nothing but its text and those options;
 * a checker keeps its node and symbol links in tables of its own and merges declarations into
 * clones (what it does write on bound symbols, such as whether one is referenced, any checker of
 * the same files writes alike).
 *
 * A file parsed for a program is pending until that program's checker is made (every file bound):
 * {@link commit} keeps the pending files, {@link rollback} drops them. Binding that stops half-way
 * (TypeScript out of stack on a deeply nested file) leaves a file that the binder would skip next
 * time, as if bound; such a file is never kept.
 */
export class SourceFileStore {
  private readonly entries = new Map<string, { text: string; file: TS.SourceFile; used: number; pending: boolean }>();
  private generation = 0;
  /** Files handed back unparsed since the store was made. */
  reused = 0;

  /** Starts a scan: entries not used for `keep` scans are dropped then (see {@link sweep}). */
  begin(): void {
    this.generation += 1;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The file for `fileName` with `text`, parsed under `key` (compiler options and parse options):
   * the stored one when its text is the same, else `parse()`'s, stored.
   */
  file(fileName: string, key: string, text: string, parse: () => TS.SourceFile): TS.SourceFile {
    const id = `${key}\u0000${fileName}`;
    const entry = this.entries.get(id);
    if (entry && entry.text === text) {
      entry.used = this.generation;
      this.reused += 1;
      return entry.file;
    }
    const file = parse();
    this.entries.set(id, { text, file, used: this.generation, pending: true });
    return file;
  }

  /** Keeps the files parsed since the last commit or rollback: their program's checker bound them all. */
  commit(): void {
    for (const entry of this.entries.values()) entry.pending = false;
  }

  /** Drops the files parsed since the last commit or rollback: their program failed before every file was bound. */
  rollback(): void {
    for (const [id, entry] of this.entries) if (entry.pending) this.entries.delete(id);
  }

  /** Drops the files no scan asked for in the last `keep` scans (deleted, renamed or no longer in any program). */
  sweep(keep: number): void {
    for (const [id, entry] of this.entries) if (entry.used <= this.generation - keep) this.entries.delete(id);
  }
}

/** What decides a parse besides the text: the language version, module format and JSDoc mode a program asks for. */
function parseKey(options: TS.ScriptTarget | TS.CreateSourceFileOptions): string {
  if (typeof options === 'number') return String(options);
  return `${options.languageVersion}:${options.impliedNodeFormat ?? ''}:${options.jsDocParsingMode ?? ''}`;
}

/**
 * Makes `host.getSourceFile` read through `store`. The text is still read through `host.readFile`
 * (so whatever records reads keeps seeing every one); only the parse is skipped when the text is
 * the one stored. `optionsKey` names the compiler options (binding depends on some of them).
 */
export function readThroughStore(ts: typeof TS, host: TS.CompilerHost, store: SourceFileStore, optionsKey: string): void {
  host.getSourceFile = (fileName, languageVersionOrOptions, onError) => {
    let text: string | undefined;
    try {
      text = host.readFile(fileName);
    } catch (error) {
      // As TypeScript's own host does: report the read error, and go on with an empty file.
      onError?.(error instanceof Error ? error.message : String(error));
      text = '';
    }
    if (text === undefined) return undefined;
    const known = text;
    return store.file(fileName, `${optionsKey}\u0000${parseKey(languageVersionOrOptions)}`, known, () =>
      ts.createSourceFile(fileName, known, languageVersionOrOptions, false),
    );
  };
}
