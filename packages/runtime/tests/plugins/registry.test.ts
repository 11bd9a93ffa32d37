import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { canTransition, definePlugin, LIFECYCLE_TRANSITIONS, type Plugin } from '../../src/plugins/plugin.js';
import { PluginRegistry } from '../../src/plugins/registry.js';
import { textStatsPlugin } from '../../src/plugins/builtin/text-stats.js';

const echo = definePlugin({
  name: 'echo',
  version: '1.0.0',
  description: 'echo',
  inputSchema: z.object({}),
  outputSchema: z.object({}),
  run: () => ({}),
});

describe('PluginRegistry', () => {
  it('registers in LOADED and initializes valid plugins', () => {
    const registry = new PluginRegistry();
    registry.register(echo as Plugin);
    expect(registry.getOrThrow('echo').state).toBe('LOADED');
    registry.initializeAll();
    expect(registry.getOrThrow('echo')).toMatchObject({
      name: 'echo',
      state: 'INITIALIZED',
      metrics: { success_count: 0, error_count: 0, last_execution_time_ms: null, avg_execution_time_ms: null, last_used: null, state: 'INITIALIZED' },
    });
    expect(registry.list()).toEqual(['echo']);
  });

  it('rejects a duplicate name and a missing name', () => {
    const registry = new PluginRegistry();
    registry.register(echo as Plugin);
    expect(() => registry.register(echo as Plugin)).toThrow(/already registered/);
    expect(() => registry.register({ ...echo, name: '' } as Plugin)).toThrow(/non-empty/);
  });

  it('makes a plugin with a broken contract UNAVAILABLE instead of failing the service', () => {
    const registry = new PluginRegistry();
    registry.register({ ...echo, name: 'bad-schema', inputSchema: {} } as unknown as Plugin);
    registry.register({ ...echo, name: 'bad-timeout', timeoutMs: -1 } as Plugin);
    registry.initializeAll();
    expect(registry.getOrThrow('bad-schema')).toMatchObject({ state: 'UNAVAILABLE', reason: 'inputSchema is not a Standard Schema' });
    expect(registry.getOrThrow('bad-timeout')).toMatchObject({ state: 'UNAVAILABLE', reason: 'timeoutMs must be a positive number' });
  });

  it('get returns undefined and getOrThrow a NotFoundError for unknown names', () => {
    const registry = new PluginRegistry();
    expect(registry.get('nope')).toBeUndefined();
    expect(() => registry.getOrThrow('nope')).toThrow(expect.objectContaining({ type: 'NotFoundError' }));
  });

  it('hands out frozen snapshots that do not track later changes', () => {
    const registry = new PluginRegistry();
    registry.register(textStatsPlugin as Plugin);
    registry.initializeAll();
    const before = registry.getOrThrow('text-stats');
    expect(Object.isFrozen(before)).toBe(true);
    expect(Object.isFrozen(before.metrics)).toBe(true);
    registry.setAvailable('text-stats', false);
    expect(before.state).toBe('INITIALIZED');
    expect(registry.getOrThrow('text-stats')).toMatchObject({ state: 'UNAVAILABLE', reason: 'disabled by operator' });
    expect(registry.setAvailable('text-stats', true)).toMatchObject({ state: 'INITIALIZED', reason: null });
  });

  it('the transitions table allows only lifecycle moves that make sense', () => {
    expect(canTransition('INITIALIZED', 'RUNNING')).toBe(true);
    expect(canTransition('RUNNING', 'FAILED')).toBe(true);
    expect(canTransition('FAILED', 'RUNNING')).toBe(true);
    expect(canTransition('LOADED', 'RUNNING')).toBe(false);
    expect(canTransition('UNAVAILABLE', 'RUNNING')).toBe(false);
    for (const [from, targets] of Object.entries(LIFECYCLE_TRANSITIONS)) expect(targets).not.toContain(from);
  });
});
