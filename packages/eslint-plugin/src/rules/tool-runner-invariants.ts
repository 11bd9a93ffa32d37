import { adapterMeta, type AdapterOptions } from '../adapter-meta.js';
import { createRule } from '../create-rule.js';
import { reportCoreFindings } from '../report-findings.js';

/** ESLint front end of the core rule `tool-runner-invariants`; the check itself lives in @execgov/core. */
export const toolRunnerInvariants = createRule<AdapterOptions, string>({
  name: 'tool-runner-invariants',
  meta: adapterMeta('tool-runner-invariants'),
  create: (context, options) => reportCoreFindings(context, 'tool-runner-invariants', options),
});
