import { RULE_DOCS_BASE_URL, ruleDocsUrl } from '@execgov/core';
import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields our rules carry (typescript-eslint's convention). */
export interface ExecutionGovernanceDocs {
  requiresTypeChecking: boolean;
}

/** Where the rule docs live (decided in the core); `meta.docs.url` and editor links point here. */
export const DOCS_BASE_URL = RULE_DOCS_BASE_URL;

/** RuleCreator bound to our docs location. */
export const createRule = ESLintUtils.RuleCreator<ExecutionGovernanceDocs>(ruleDocsUrl);
