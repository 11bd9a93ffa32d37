import { z } from 'zod';
import { RULE_IDS, type RuleId } from '../rule-ids.js';
import { globSchema } from './glob.js';

/** Severity of a rule, as in ESLint. */
export const severitySchema = z
  .enum(['error', 'warn', 'off'])
  .describe('"error" fails the scan (exit 1), "warn" is reported without failing it, "off" turns the rule off.');

const globs = z.array(globSchema);

/**
 * Names a type by its declaration: the declared name plus either the file it is declared in
 * (`from`: a path or glob relative to the config file) or the package that declares it.
 */
export const typeSpecifierSchema = z
  .strictObject({
    name: z.string().min(1).describe('Declared name of the type (interface, class, type alias or enum).'),
    from: globSchema.optional().describe('File (path or glob, relative to the config file) that declares the type.'),
    package: z.string().min(1).optional().describe('npm package that declares the type.'),
  })
  .refine((spec) => (spec.from === undefined) !== (spec.package === undefined), {
    message: 'give exactly one of "from" (a file) or "package"',
  })
  .describe('The type, named by its declaration: its name plus exactly one of "from" (the declaring file) or "package".');

export const guardSchema = z
  .strictObject({
    name: z.string().min(1).describe('Name of this guard, shown in messages.'),
    type: typeSpecifierSchema,
    members: z
      .union([z.literal('*'), z.array(z.string().min(1)).min(1)])
      .describe('Guarded member names of the type, e.g. ["run"], or "*" for every member the type declares (over all of its union members).'),
    access: z.enum(['any', 'write']).default('any').describe('"any": every use is guarded (methods). "write": only mutation is guarded (data).'),
    allowIn: globs.default([]).describe('Files (globs relative to the config file) sanctioned to use the members.'),
  })
  .describe('Members of a type that only the sanctioned files may use.');

export const layerSchema = z
  .strictObject({
    name: z.string().min(1).describe('Name of the layer, shown in messages.'),
    files: globs.min(1).describe('Files of this layer (globs relative to the config file).'),
  })
  .describe('One layer; it may use itself, the next layer in the list and shared files.');

export const runnerSchema = z
  .strictObject({
    file: globSchema.describe('File (path or glob) holding the runner class.'),
    class: z.string().min(1).describe('Name of the runner class.'),
    method: z.string().min(1).describe('Name of the runner method that calls the guarded member.'),
    validateInput: z.array(z.string().min(1)).min(1).describe('Functions that validate the input; one must be called before the guarded call.'),
    validateOutput: z.array(z.string().min(1)).min(1).describe("Functions that validate the output; one must be called on the guarded call's result."),
    errorEnvelope: z.array(z.string().min(1)).min(1).describe('Functions that build the error envelope; one must be called in the catch block.'),
    recordMetrics: z.array(z.string().min(1)).min(1).describe('Functions that record metrics; one must be called in the finally block.'),
  })
  .describe('The runner whose method tool-runner-invariants checks.');

export const lifecycleSchema = z
  .strictObject({
    type: typeSpecifierSchema,
    states: z.array(z.string().min(1)).min(1).describe('The allowed states; writing any other value is reported.'),
    forbidden: z
      .array(z.string().min(1))
      .default([])
      .describe('Values reported with a dedicated message (states that look right but are not, e.g. "SUCCESS").'),
  })
  .describe('The lifecycle-state type valid-lifecycle-states checks writes of.');

/** One optional severity per rule id, derived from the one rule list. */
const ruleSeverities = Object.fromEntries(
  RULE_IDS.map((id) => [id, severitySchema.optional().describe(`Severity of the rule "${id}" (default "error").`)]),
) as { [Id in RuleId]: z.ZodOptional<typeof severitySchema> };

export const rulesSchema = z
  .strictObject({
    ...ruleSeverities,
    reportUntyped: z.boolean().optional().describe('Report guarded members read from receivers typed `any`.'),
    reportPresenceChecks: z
      .boolean()
      .optional()
      .describe('Also report presence checks of guarded members (`if (plugin.hotUpdate)`, `typeof t.execute === "function"`), allowed by default.'),
  })
  .describe('Severity of each rule (merged key by key over the defaults), and rule switches.');

/** The one schema of `execution-governance.config.json`; types and the JSON Schema derive from it. */
export const configSchema = z.strictObject({
  $schema: z.string().optional().describe('JSON Schema for editors, e.g. "./node_modules/@execgov/core/schema.json"; ignored by the tools.'),
  include: globs.optional().describe('Globs of files to check (default: every source file of the programs).'),
  exclude: globs.optional().describe('Globs of files never checked.'),
  guards: z.array(guardSchema).optional().describe('Guarded members (no-direct-plugin-run); replaces the default list.'),
  layers: z.array(layerSchema).optional().describe('Layers from top to bottom (no-layer-bypass); replaces the default list.'),
  shared: globs.optional().describe('Files any layer may import from and call into.'),
  runner: runnerSchema.optional(),
  lifecycle: lifecycleSchema.optional(),
  rules: rulesSchema.optional(),
  configChecks: z
    .enum(['error', 'warn', 'off'])
    .optional()
    .describe(
      'What to do when the config does not match the program (a type, member, class or state that does not exist, a glob that matches no file): "error" (default: the scan does not run), "warn" (report and run), "off".',
    ),
});

export type Severity = z.infer<typeof severitySchema>;
export type TypeSpecifier = z.infer<typeof typeSpecifierSchema>;
export type Guard = z.infer<typeof guardSchema>;
export type Layer = z.infer<typeof layerSchema>;
export type RunnerConfig = z.infer<typeof runnerSchema>;
export type LifecycleConfig = z.infer<typeof lifecycleSchema>;
/** The config as a user writes it. */
export type ConfigInput = z.input<typeof configSchema>;
/** The config after parsing, before defaults. */
export type ParsedConfig = z.output<typeof configSchema>;
