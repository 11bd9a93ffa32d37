import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { definePlugin, type Plugin, type PluginContext } from '../../../src/plugins/plugin.js';
import { textStatsPlugin } from '../../../src/plugins/builtin/text-stats.js';
import { hangingPlugin, invalidOutputPlugin, nonObjectPlugin, sleepingPlugin, throwingPlugin } from '../../../src/plugins/testing/index.js';
import { ISO_UTC, runnerWith } from '../../helpers/runtime.js';

/** A plugin that hands its context to the test and waits to be released (or aborted). */
function gatedPlugin(name = 'gated', timeoutMs?: number) {
  const contexts: PluginContext[] = [];
  const releases: Array<() => void> = [];
  const plugin = definePlugin({
    name,
    version: '1',
    description: 'gated',
    inputSchema: z.object({}),
    outputSchema: z.object({ ok: z.boolean() }),
    timeoutMs,
    run(_payload, context) {
      contexts.push(context);
      return new Promise<{ ok: boolean }>((resolve) => releases.push(() => resolve({ ok: true })));
    },
  });
  return { plugin: plugin as Plugin, contexts, releases };
}

describe('ToolRunner', () => {
  it('runs a plugin, returns its validated result and counts a success', async () => {
    const { runner, registry } = runnerWith([textStatsPlugin as Plugin]);
    const outcome = await runner.run({ plugin: 'text-stats', payload: { text: 'to be or not to be' }, jobId: 'j1' });
    expect(outcome).toEqual({
      ok: true,
      result: expect.objectContaining({
        words: 6,
        unique_words: 4,
        top_words: [
          { word: 'be', count: 2 },
          { word: 'to', count: 2 },
          { word: 'not', count: 1 },
          { word: 'or', count: 1 },
        ],
      }),
    });
    const metrics = registry.getOrThrow('text-stats').metrics;
    expect(metrics).toMatchObject({ success_count: 1, error_count: 0, state: 'INITIALIZED' });
    expect(metrics.last_execution_time_ms).toBeGreaterThanOrEqual(0);
    expect(metrics.avg_execution_time_ms).toBe(metrics.last_execution_time_ms);
    expect(metrics.last_used).toMatch(ISO_UTC);
  });

  it('answers NotFoundError for unknown and UNAVAILABLE plugins without touching metrics', async () => {
    const { runner, registry } = runnerWith([textStatsPlugin as Plugin]);
    const unknown = await runner.run({ plugin: 'nope', payload: {}, jobId: 'j' });
    expect(unknown).toMatchObject({ ok: false, error: { error: { type: 'NotFoundError', plugin: 'nope' } } });
    registry.setAvailable('text-stats', false);
    const disabled = await runner.run({ plugin: 'text-stats', payload: { text: 'x' }, jobId: 'j' });
    expect(disabled).toMatchObject({ ok: false, error: { error: { type: 'NotFoundError', details: { reason: 'disabled by operator' } } } });
    expect(registry.getOrThrow('text-stats').metrics.error_count).toBe(0);
  });

  it('refuses invalid input (ValidationError with issues) and pre-aborted runs, before the plugin runs', async () => {
    const { runner, registry } = runnerWith([textStatsPlugin as Plugin]);
    const refusedEarly = await runner.run({ plugin: 'text-stats', payload: { text: 'x' }, jobId: 'j', signal: AbortSignal.abort() });
    expect(refusedEarly).toMatchObject({ ok: false, error: { error: { type: 'ExecutionError' } } });
    const outcome = await runner.run({ plugin: 'text-stats', payload: { text: 3, extra: true }, jobId: 'j' });
    expect(outcome).toMatchObject({ ok: false, error: { error: { type: 'ValidationError', plugin: 'text-stats' } } });
    const details = outcome.ok ? null : (outcome.error.error.details as { issues: Array<{ path: string }> });
    expect(details?.issues.map((issue) => issue.path).sort()).toEqual(['$', '$.text']);
    expect(registry.getOrThrow('text-stats')).toMatchObject({ state: 'INITIALIZED', metrics: { success_count: 0, error_count: 0 } });
  });

  it.each([
    ['error', 'thrown on purpose'],
    ['reject', 'rejected on purpose'],
    ['string', 'Non-Error value thrown: "plain string thrown"'],
  ])('turns a %s failure into a PluginError, marks FAILED and counts it', async (kind, message) => {
    const { runner, registry } = runnerWith([throwingPlugin as Plugin]);
    const outcome = await runner.run({ plugin: 'test-throwing', payload: { kind }, jobId: 'j' });
    expect(outcome).toMatchObject({ ok: false, error: { error: { type: 'PluginError', message, plugin: 'test-throwing' } } });
    expect(registry.getOrThrow('test-throwing')).toMatchObject({ state: 'FAILED', metrics: { error_count: 1, success_count: 0 } });
  });

  it('recovers from FAILED to INITIALIZED on the next success', async () => {
    const { runner, registry } = runnerWith([sleepingPlugin as Plugin]);
    const failing = await runner.run({ plugin: 'test-sleeping', payload: { ms: 5_000 }, jobId: 'j', signal: AbortSignal.timeout(20) });
    expect(failing.ok).toBe(false);
    expect(registry.getOrThrow('test-sleeping')).toMatchObject({ state: 'FAILED', metrics: { error_count: 1 } });
    const ok = await runner.run({ plugin: 'test-sleeping', payload: { ms: 1 }, jobId: 'j' });
    expect(ok).toEqual({ ok: true, result: { slept_ms: 1 } });
    expect(registry.getOrThrow('test-sleeping').state).toBe('INITIALIZED');
  });

  it('times out a plugin that never settles (even one ignoring its signal) with a TimeoutError', async () => {
    const { runner, registry } = runnerWith([hangingPlugin as Plugin]);
    const outcome = await runner.run({ plugin: 'test-hanging', payload: {}, jobId: 'j' });
    expect(outcome).toMatchObject({ ok: false, error: { error: { type: 'TimeoutError', details: { timeout_ms: 200 } } } });
    expect(registry.getOrThrow('test-hanging')).toMatchObject({ state: 'FAILED', metrics: { error_count: 1 } });
  });

  it('uses the default timeout when the plugin sets none, and aborts the plugin signal', async () => {
    const gated = gatedPlugin();
    const { runner } = runnerWith([gated.plugin], 50);
    const outcome = await runner.run({ plugin: 'gated', payload: {}, jobId: 'j' });
    expect(outcome).toMatchObject({ ok: false, error: { error: { type: 'TimeoutError', details: { timeout_ms: 50 } } } });
    expect(gated.contexts[0]?.signal.aborted).toBe(true);
  });

  it('propagates an external abort to the plugin and reports it as an ExecutionError', async () => {
    const gated = gatedPlugin();
    const { runner, registry } = runnerWith([gated.plugin]);
    const controller = new AbortController();
    const pending = runner.run({ plugin: 'gated', payload: {}, jobId: 'job-7', signal: controller.signal });
    await waitUntil(() => gated.contexts.length === 1);
    expect(gated.contexts[0]?.jobId).toBe('job-7');
    expect(registry.getOrThrow('gated').state).toBe('RUNNING');
    controller.abort();
    const outcome = await pending;
    expect(outcome).toMatchObject({ ok: false, error: { error: { type: 'ExecutionError', message: 'Execution was aborted.' } } });
    expect(gated.contexts[0]?.signal.aborted).toBe(true);
  });

  it.each(['string', 'number', 'array', 'null', 'date'])('rejects a %s output as a PluginError', async (kind) => {
    const { runner } = runnerWith([nonObjectPlugin as Plugin]);
    const outcome = await runner.run({ plugin: 'test-non-object', payload: { kind }, jobId: 'j' });
    expect(outcome).toMatchObject({ ok: false, error: { error: { type: 'PluginError', message: expect.stringContaining('expected a plain object') } } });
  });

  it('rejects output that fails the output schema as a PluginError with issues', async () => {
    const { runner } = runnerWith([invalidOutputPlugin as Plugin]);
    const outcome = await runner.run({ plugin: 'test-invalid-output', payload: {}, jobId: 'j' });
    expect(outcome).toMatchObject({
      ok: false,
      error: { error: { type: 'PluginError', details: { issues: [expect.objectContaining({ path: '$.count' })] } } },
    });
  });

  it('never throws, even when run is not a function', async () => {
    const broken = { ...(textStatsPlugin as Plugin), name: 'broken', run: 42 } as unknown as Plugin;
    const { runner } = runnerWith([broken]);
    const outcome = await runner.run({ plugin: 'broken', payload: { text: 'x' }, jobId: 'j' });
    expect(outcome).toMatchObject({ ok: false, error: { error: { type: 'PluginError' } } });
  });

  it('stays RUNNING while any concurrent run of the plugin is in flight', async () => {
    const gated = gatedPlugin();
    const { runner, registry } = runnerWith([gated.plugin]);
    const first = runner.run({ plugin: 'gated', payload: {}, jobId: 'a' });
    const second = runner.run({ plugin: 'gated', payload: {}, jobId: 'b' });
    await waitUntil(() => gated.releases.length === 2);
    gated.releases[0]?.();
    await first;
    expect(registry.getOrThrow('gated').state).toBe('RUNNING');
    gated.releases[1]?.();
    await second;
    expect(registry.getOrThrow('gated')).toMatchObject({ state: 'INITIALIZED', metrics: { success_count: 2 } });
  });

  it('leaves a plugin disabled mid-run UNAVAILABLE when the run ends', async () => {
    const gated = gatedPlugin();
    const { runner, registry } = runnerWith([gated.plugin]);
    const pending = runner.run({ plugin: 'gated', payload: {}, jobId: 'a' });
    await waitUntil(() => gated.releases.length === 1);
    registry.setAvailable('gated', false);
    gated.releases[0]?.();
    expect(await pending).toEqual({ ok: true, result: { ok: true } });
    expect(registry.getOrThrow('gated')).toMatchObject({ state: 'UNAVAILABLE', metrics: { success_count: 1 } });
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}
