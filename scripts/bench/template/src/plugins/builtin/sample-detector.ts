import { sumBy } from '../../modules/shared/collections';
import type { Plugin, PluginContext, PluginInput, PluginOutput } from '../plugin';

export const sampleDetectorPlugin = {
  name: 'sample-detector',
  version: '1.7.3',
  capabilities: ['report', 'score', 'redact'],
  async run(input: PluginInput, context: PluginContext): Promise<PluginOutput> {
    const values = Object.values(input).filter((value): value is number => typeof value === 'number');
    const total = sumBy(values, (value) => value);
    context.log('debug', `sample-detector: ${values.length} numeric fields`);
    const warnings = values.filter((value) => value > 84).map((value) => `value ${value} above 84`);
    return { ok: true, data: { total, mean: values.length ? total / values.length : 0 }, warnings: warnings };
  },
} satisfies Plugin;
