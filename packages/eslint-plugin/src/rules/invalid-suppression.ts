import { adapterMeta, type AdapterOptions } from '../adapter-meta.js';
import { createRule } from '../create-rule.js';
import { reportCoreFindings } from '../report-findings.js';

/** ESLint front end of the core's suppression diagnostics (`invalid-suppression`); the check lives in @execgov/core. */
export const invalidSuppression = createRule<AdapterOptions, string>({
  name: 'invalid-suppression',
  meta: adapterMeta('invalid-suppression'),
  create: (context, options) => reportCoreFindings(context, 'invalid-suppression', options),
});
