import { RULE_IDS, type RuleId } from '../rule-ids.js';
import type { ParsedConfig } from './schema.js';

/** Defaults that fit packages/runtime (and any project laid out like it). */
export const DEFAULT_CONFIG = {
  include: ['**/*'],
  exclude: ['**/node_modules/**', '**/dist/**'],
  guards: [
    {
      name: 'plugin-run',
      type: { name: 'Plugin', from: '**/src/plugins/plugin.ts' },
      members: ['run'],
      access: 'any',
      allowIn: ['**/src/plugins/runtime/tool-runner.ts'],
    },
    {
      name: 'registry-state',
      type: { name: 'PluginRecord', from: '**/src/plugins/registry.ts' },
      members: ['state', 'metrics'],
      access: 'write',
      allowIn: ['**/src/plugins/runtime/tool-runner.ts', '**/src/plugins/registry.ts'],
    },
  ],
  layers: [
    { name: 'api', files: ['**/src/api/**'] },
    { name: 'analysis-service', files: ['**/src/services/execution/analysis-execution-service.ts'] },
    { name: 'job-service', files: ['**/src/services/execution/job-*.ts'] },
    { name: 'plugin-execution-service', files: ['**/src/services/execution/plugin-execution-service.ts'] },
    { name: 'tool-runner', files: ['**/src/plugins/runtime/**'] },
    { name: 'plugins', files: ['**/src/plugins/builtin/**', '**/src/plugins/testing/**'] },
  ],
  shared: ['**/src/errors.ts', '**/src/logger.ts', '**/src/plugins/plugin.ts', '**/src/plugins/registry.ts', '**/src/plugins/schema.ts'],
  runner: {
    file: '**/src/plugins/runtime/tool-runner.ts',
    class: 'ToolRunner',
    method: 'run',
    validateInput: ['validateInput'],
    validateOutput: ['validateOutput'],
    errorEnvelope: ['toErrorEnvelope', 'createErrorEnvelope'],
    recordMetrics: ['recordMetrics'],
  },
  lifecycle: {
    type: { name: 'PluginLifecycleState', from: '**/src/plugins/plugin.ts' },
    states: ['LOADED', 'INITIALIZED', 'RUNNING', 'FAILED', 'UNAVAILABLE'],
    forbidden: ['SUCCESS', 'ERROR'],
  },
  configChecks: 'error',
  rules: {
    ...(Object.fromEntries(RULE_IDS.map((id) => [id, 'error'])) as Record<RuleId, 'error'>),
    reportUntyped: false,
    reportPresenceChecks: false,
  },
} as const satisfies Required<Omit<ParsedConfig, '$schema'>>;
