import { adapterMeta, type AdapterOptions } from '../adapter-meta.js';
import { createRule } from '../create-rule.js';
import { reportCoreFindings } from '../report-findings.js';

/** ESLint front end of the core rule `no-direct-plugin-run`; the check itself lives in @execgov/core. */
export const noDirectPluginRun = createRule<AdapterOptions, string>({
  name: 'no-direct-plugin-run',
  meta: adapterMeta('no-direct-plugin-run'),
  create: (context, options) => reportCoreFindings(context, 'no-direct-plugin-run', options),
});
