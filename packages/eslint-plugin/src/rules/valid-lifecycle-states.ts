import { adapterMeta, type AdapterOptions } from '../adapter-meta.js';
import { createRule } from '../create-rule.js';
import { reportCoreFindings } from '../report-findings.js';

/** ESLint front end of the core rule `valid-lifecycle-states`; the check itself lives in @execgov/core. */
export const validLifecycleStates = createRule<AdapterOptions, string>({
  name: 'valid-lifecycle-states',
  meta: adapterMeta('valid-lifecycle-states'),
  create: (context, options) => reportCoreFindings(context, 'valid-lifecycle-states', options),
});
