import type { Plugin } from '../plugin.js';
import { hashTextPlugin } from './hash-text.js';
import { textStatsPlugin } from './text-stats.js';

export { hashTextPlugin } from './hash-text.js';
export { textStatsPlugin } from './text-stats.js';

/** The plugins a production server registers. */
export function builtinPlugins(): Plugin[] {
  return [textStatsPlugin as Plugin, hashTextPlugin as Plugin];
}
