import type { Batch } from '../steps/step';

export function checkBatch(batch: Batch): Batch {
  if (!Array.isArray(batch.rows)) throw new TypeError('a batch holds rows');
  return batch;
}

export function toFailure(stepId: string, error: unknown): Error {
  return new Error(`step ${stepId} failed: ${error instanceof Error ? error.message : String(error)}`);
}

const timings = new Map<string, number[]>();

export function recordTiming(stepId: string, startedAt: number): void {
  timings.set(stepId, [...(timings.get(stepId) ?? []), Date.now() - startedAt]);
}
