/**
 * The file access the core needs, and all of it: front ends hand in their own (an editor its
 * in-memory buffers, tests a virtual file system); {@link createNodeHost} reads the disk.
 */
export interface AnalyzerHost {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(fileName: string): string | undefined;
  fileExists(fileName: string): boolean;
  /**
   * The names of a directory's files and subdirectories (symbolic links are neither), or undefined
   * when it cannot be read. Optional: only the config digest walks down (see configDigest).
   */
  readDirectory?(dir: string): { files: string[]; directories: string[] } | undefined;
}
