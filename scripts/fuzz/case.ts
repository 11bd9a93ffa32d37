import type { Random } from './random.js';

/** What a case puts at a path: text, raw bytes, a symbolic link or an empty directory. */
export type Entry = string | Uint8Array | { symlink: string } | { directory: true };

/** What one scanner run did. */
export interface Outcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the run. */
  durationMs: number;
  /** CPU time the scanner process used (user + system), when it exited normally. */
  cpuMs?: number | undefined;
  timedOut: boolean;
}

/** One generated scanner run: a project on disk, a command line and what must hold. */
export interface FuzzCase {
  category: string;
  /** What was generated, short enough for one report line. */
  title: string;
  /** Relative path → content, written under a fresh temporary directory (the scanner's cwd). */
  files: Record<string, Entry>;
  /** Scanner arguments; the scanner runs in the case directory. */
  args: string[];
  /** Runs after the files are written (permissions, special files). */
  prepare?: (root: string) => void;
  /** Run the scanner as an unprivileged user (root reads everything, so EACCES needs one). */
  unprivileged?: boolean;
  /** A case-specific oracle on top of the contract: a problem, or undefined. */
  check?: (outcome: Outcome) => string | undefined;
  /** Set when the behaviour belongs to another change not merged yet: a break here is listed apart. */
  pending?: string;
}

/** Repository fixtures, read once per run and handed to the generators. */
export interface Corpus {
  fixtures: ReadonlyArray<{ name: string; files: Readonly<Record<string, string>> }>;
}

/** Makes one case of a category from its own random source. */
export interface Category {
  name: string;
  description: string;
  /** Needs a noticeably longer scan (large inputs): the smoke keeps these few. */
  slow?: boolean;
  generate(random: Random, corpus: Corpus): FuzzCase;
}
