import { uniqueBy } from '../../modules/shared/collections';
import type { Plugin, PluginContext, PluginInput, PluginOutput } from '../plugin';

export class EnrichDuplicatesPlugin implements Plugin {
  readonly name = 'enrich-duplicates';
  readonly version = '1.5.5';
  readonly capabilities = ['index'] as const;
  private invocations = 0;

  async run(input: PluginInput, context: PluginContext): Promise<PluginOutput> {
    this.invocations += 1;
    const raw = input['items'];
    const items = Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : [];
    const unique = uniqueBy(items, (item) => item.toLowerCase());
    context.log('debug', `enrich-duplicates: ${unique.length}/${items.length} unique`);
    return { ok: true, data: { unique: unique.length, duplicates: items.length - unique.length }, warnings: unique.length < items.length ? ['duplicates'] : [] };
  }
}
