import { sumBy } from '../../modules/shared/collections';
import type { Plugin, PluginContext, PluginInput, PluginOutput } from '../plugin';

export class RankAnomaliesPlugin implements Plugin {
  readonly name = 'rank-anomalies';
  readonly version = '2.13.6';
  readonly capabilities = ['index', 'report'] as const;
  private invocations = 0;

  async run(input: PluginInput, context: PluginContext): Promise<PluginOutput> {
    this.invocations += 1;
    const values = Object.values(input).filter((value): value is number => typeof value === 'number');
    const total = sumBy(values, (value) => value);
    context.log('debug', `rank-anomalies: ${values.length} numeric fields`);
    const warnings = values.filter((value) => value > 12).map((value) => `value ${value} above 12`);
    return { ok: true, data: { total, mean: values.length ? total / values.length : 0 }, warnings: warnings };
  }
}
