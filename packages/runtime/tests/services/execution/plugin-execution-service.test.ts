import { describe, expect, it } from 'vitest';
import { builtinPlugins } from '../../../src/plugins/builtin/index.js';
import { PluginExecutionService } from '../../../src/services/execution/plugin-execution-service.js';
import { runnerWith } from '../../helpers/runtime.js';

describe('PluginExecutionService', () => {
  it('executes through ToolRunner and returns its outcome unchanged', async () => {
    const { runner, registry } = runnerWith(builtinPlugins());
    const service = new PluginExecutionService({ runner });
    const ok = await service.execute({ plugin: 'hash-text', payload: { text: '' }, jobId: 'j' });
    expect(ok).toMatchObject({ ok: true, result: { bytes: 0, digest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } });
    const missing = await service.execute({ plugin: 'missing', payload: {}, jobId: 'j' });
    expect(missing).toMatchObject({ ok: false, error: { error: { type: 'NotFoundError' } } });
    expect(registry.getOrThrow('hash-text').metrics.success_count).toBe(1);
  });
});
