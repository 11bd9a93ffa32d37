import { z } from 'zod';
import { configSchema } from './schema.js';

/**
 * The JSON Schema of `execution-governance.config.json`, derived from the one zod schema. It is
 * shipped as `schema.json` (editor completion via `$schema`) and used as ESLint rule options schema.
 */
export function getConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://execgov.dev/schema/execution-governance.config.json',
    title: 'execution-governance.config.json',
    description: 'Configuration shared by scan-execution-violations and eslint-plugin-execution-governance.',
  };
}
