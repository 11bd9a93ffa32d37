/**
 * Answers that hold for one synchronous batch: one file's rules in ESLint, a whole CLI scan. The
 * file system is asked again once the event loop turns, so a long-lived process (an editor, watch
 * mode) sees edits, while a batch asks each question once. Without `setImmediate` nothing is kept.
 */
export interface BatchMemo {
  /** The answer `compute` gave for `key` in this batch, computed now if not asked yet. */
  get<T>(key: string, compute: () => T): T;
}

/** A memo cleared when the event loop turns. */
export function createBatchMemo(): BatchMemo {
  let current: Map<string, unknown> | undefined;
  const batch = (): Map<string, unknown> | undefined => {
    if (current) return current;
    if (typeof setImmediate !== 'function') return undefined;
    const fresh = new Map<string, unknown>();
    current = fresh;
    setImmediate(() => {
      if (current === fresh) current = undefined;
    }).unref?.();
    return fresh;
  };
  return {
    get<T>(key: string, compute: () => T): T {
      const answers = batch();
      if (!answers) return compute();
      if (!answers.has(key)) answers.set(key, compute());
      return answers.get(key) as T;
    },
  };
}
