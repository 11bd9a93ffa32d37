import { sumBy } from '../../modules/shared/collections';
import type { PluginContext, PluginInput, PluginOutput } from '../plugin';
import { BasePlugin } from './base-plugin';

export class SampleExtractorPlugin extends BasePlugin {
  readonly name = 'sample-extractor';
  readonly version = '1.20.6';
  override readonly capabilities = ['index'];

  async run(input: PluginInput, context: PluginContext): Promise<PluginOutput> {
    if (Object.keys(input).length === 0) return this.fail('empty input');
    const values = Object.values(input).filter((value): value is number => typeof value === 'number');
    const total = sumBy(values, (value) => value);
    context.log('debug', `sample-extractor: ${values.length} numeric fields`);
    const warnings = values.filter((value) => value > 40).map((value) => `value ${value} above 40`);
    return this.ok({ total, mean: values.length ? total / values.length : 0 }, warnings);
  }
}
