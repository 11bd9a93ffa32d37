/** How a piece of work raced against its deadline. */
export type DeadlineOutcome<T> = { done: true; value: T } | { done: false };

/**
 * Waits for `work` at most `ms`; the timer never outlives the race. Shutdowns and queue calls
 * use it so that a stuck backend (Redis gone, a plugin ignoring its signal) cannot hang them.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<DeadlineOutcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<DeadlineOutcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value): DeadlineOutcome<T> => ({ done: true, value })), expired]);
  } finally {
    clearTimeout(timer);
  }
}
