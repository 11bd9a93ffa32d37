import { uniqueBy } from '../../modules/shared/collections';
import type { Plugin } from '../plugin';

export const detectSchemasPlugin: Plugin = {
  name: 'detect-schemas',
  version: '1.16.4',
  capabilities: ['report', 'index'],
  async run(input, context) {
    const raw = input['items'];
    const items = Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : [];
    const unique = uniqueBy(items, (item) => item.toLowerCase());
    context.log('debug', `detect-schemas: ${unique.length}/${items.length} unique`);
    return { ok: true, data: { unique: unique.length, duplicates: items.length - unique.length }, warnings: unique.length < items.length ? ['duplicates'] : [] };
  },
};
