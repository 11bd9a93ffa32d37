import { invalidSuppression } from '../../src/rules/invalid-suppression.js';
import { createRuleTester, projectFile } from '../rule-tester.js';

// RuleTester registers only the rule under test, so ESLint's own directive forms (which name the
// other rules) and unused comments (which need the rule they name to run) are tested with real
// ESLint and the whole plugin in tests/suppressions.test.ts.
const route = projectFile('src/api/routes/analyses.ts');
const service = projectFile('src/services/execution/plugin-execution-service.ts');
const direct = (comment: string) => `
import type { Plugin } from '../../plugins/plugin.js';
export const warmUp = (plugin: Plugin) => {
  ${comment}
  return plugin.run('ping');
};
`;

createRuleTester().run('invalid-suppression', invalidSuppression, {
  valid: [
    {
      name: 'our next-line comment with a reason',
      filename: service,
      code: direct('// execution-governance-disable-next-line no-direct-plugin-run -- a fixed ping input'),
    },
    {
      name: 'directive text inside a string is no directive',
      filename: route,
      code: "export const s = '// execution-governance-disable-next-line no-such-rule';\n",
    },
  ],
  invalid: [
    {
      name: 'our comment without a reason is reported at the comment (and still silences the call)',
      filename: service,
      code: direct('// execution-governance-disable-next-line no-direct-plugin-run'),
      errors: [{ messageId: 'suppressionMissingReason', line: 4, column: 3 }],
    },
    {
      name: 'our comment naming an unknown rule is reported',
      filename: route,
      code: '// execution-governance-disable-next-line no-such-rule -- typo\nexport const answer = 42;\n',
      errors: [{ messageId: 'unknownRule', line: 1 }],
    },
  ],
});
