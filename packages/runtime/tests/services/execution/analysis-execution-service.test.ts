import { describe, expect, it } from 'vitest';
import { AnalysisExecutionService } from '../../../src/services/execution/analysis-execution-service.js';
import { JobExecutionService } from '../../../src/services/execution/job-execution-service.js';
import { InMemoryJobQueue } from '../../../src/services/execution/job-queue-memory.js';
import { PluginExecutionService } from '../../../src/services/execution/plugin-execution-service.js';
import { allPlugins, runnerWith } from '../../helpers/runtime.js';

function service() {
  const { runner, registry } = runnerWith(allPlugins());
  const executor = new PluginExecutionService({ runner });
  const jobs = new JobExecutionService({ executor, queue: new InMemoryJobQueue({ executor }) });
  return { analysis: new AnalysisExecutionService({ jobs, registry }), registry, jobs };
}

describe('AnalysisExecutionService', () => {
  it('sync mode waits and returns the result with the job id', async () => {
    const { analysis } = service();
    const outcome = await analysis.execute({ plugin: 'hash-text', payload: { text: 'a', algorithm: 'md5' } });
    expect(outcome).toMatchObject({ mode: 'sync', plugin: 'hash-text', result: { digest: '0cc175b9c0f1b6a831c399e269772661' } });
    expect((await analysis.getJob(outcome.job.id)).status).toBe('SUCCESS');
  });

  it('async mode returns the queued job at once', async () => {
    const { analysis, jobs } = service();
    const outcome = await analysis.execute({ plugin: 'test-sleeping', payload: { ms: 10 }, mode: 'async' });
    expect(outcome.mode).toBe('async');
    expect(['PENDING', 'RUNNING']).toContain(outcome.job.status);
    expect((await jobs.waitFor(outcome.job.id)).status).toBe('SUCCESS');
  });

  it('sync failures throw a RuntimeError of the job error type, carrying the job id', async () => {
    const { analysis } = service();
    await expect(analysis.execute({ plugin: 'test-hanging', payload: {} })).rejects.toMatchObject({
      type: 'TimeoutError',
      plugin: 'test-hanging',
      details: { timeout_ms: 200, job_id: expect.any(String) },
    });
    // Invalid input is refused at submission: no job is created for it.
    await expect(analysis.execute({ plugin: 'text-stats', payload: 'nope' })).rejects.toMatchObject({ type: 'ValidationError', plugin: 'text-stats' });
  });

  it('refuses unknown and unavailable plugins before creating a job', async () => {
    const { analysis, registry } = service();
    await expect(analysis.execute({ plugin: 'ghost', payload: {}, mode: 'async' })).rejects.toMatchObject({ type: 'NotFoundError' });
    registry.setAvailable('hash-text', false);
    await expect(analysis.execute({ plugin: 'hash-text', payload: {} })).rejects.toMatchObject({ type: 'NotFoundError' });
    expect(await analysis.listJobs()).toEqual([]);
  });

  it('gets, lists, cancels jobs and throws NotFoundError for unknown ids', async () => {
    const { analysis } = service();
    const outcome = await analysis.execute({ plugin: 'test-sleeping', payload: { ms: 10_000 }, mode: 'async' });
    expect((await analysis.listJobs('RUNNING')).map((job) => job.id)).toEqual([outcome.job.id]);
    expect((await analysis.cancelJob(outcome.job.id)).status).toBe('CANCELLED');
    await expect(analysis.getJob('nope')).rejects.toMatchObject({ type: 'NotFoundError' });
    await expect(analysis.cancelJob('nope')).rejects.toMatchObject({ type: 'NotFoundError' });
  });

  it('lists plugin snapshots and reports health', async () => {
    const { analysis } = service();
    expect((await analysis.listPlugins()).map((p) => p.name)).toContain('text-stats');
    expect(await analysis.health()).toEqual({ status: 'ok', plugins: 7, jobs: { pending: 0, running: 0 } });
  });
});
