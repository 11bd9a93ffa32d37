import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields our rules carry (typescript-eslint's convention). */
export interface ExecutionGovernanceDocs {
  requiresTypeChecking: boolean;
}

/** Where the rule docs live; `meta.docs.url` (and editor links) point here. */
export const DOCS_BASE_URL = 'https://github.com/execgov/execution-governance/blob/main/packages/eslint-plugin/docs/rules/';

/** RuleCreator bound to our docs location. */
export const createRule = ESLintUtils.RuleCreator<ExecutionGovernanceDocs>((name) => `${DOCS_BASE_URL}${name}.md`);
