import { adapterMeta, type AdapterOptions } from '../adapter-meta.js';
import { createRule } from '../create-rule.js';
import { reportCoreFindings } from '../report-findings.js';

/** ESLint front end of the core rule `no-layer-bypass`; the check itself lives in @execgov/core. */
export const noLayerBypass = createRule<AdapterOptions, string>({
  name: 'no-layer-bypass',
  meta: adapterMeta('no-layer-bypass'),
  create: (context, options) => reportCoreFindings(context, 'no-layer-bypass', options),
});
