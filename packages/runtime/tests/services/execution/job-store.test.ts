import { describe, expect, it } from 'vitest';
import { InMemoryJobStore, type Job, type JobStatus } from '../../../src/services/execution/job-store.js';

function job(id: string, status: JobStatus): Job {
  return { id, plugin: 'p', payload: {}, status, result: null, error: null, created_at: '', started_at: null, finished_at: null, attempts: 0, history: [] };
}

describe('InMemoryJobStore', () => {
  it('lists in creation order and filters by status', () => {
    const store = new InMemoryJobStore();
    store.save(job('a', 'PENDING'));
    store.save(job('b', 'RUNNING'));
    store.save(job('a', 'SUCCESS'));
    expect(store.list().map((j) => j.id)).toEqual(['a', 'b']);
    expect(store.list('SUCCESS').map((j) => j.id)).toEqual(['a']);
    expect(store.get('b')?.status).toBe('RUNNING');
  });

  it('evicts the oldest finished jobs past the limit and never unfinished ones', () => {
    const store = new InMemoryJobStore({ maxFinished: 2 });
    store.save(job('running', 'RUNNING'));
    for (const id of ['f1', 'f2', 'f3']) store.save(job(id, 'FAILED'));
    expect(store.list().map((j) => j.id)).toEqual(['running', 'f2', 'f3']);
    // Saving a finished job again does not count it twice.
    store.save(job('f3', 'FAILED'));
    expect(store.get('f2')).toBeDefined();
  });
});
