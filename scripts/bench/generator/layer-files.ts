import { lines, type GeneratedFile } from './file.js';
import { camelCase, type PipelineSpec, type ProjectPlan } from './plan.js';
import type { Random } from './prng.js';

const EXEC = 'src/services/execution';

function pluginExecutionService(): GeneratedFile {
  return {
    path: `${EXEC}/plugin-execution-service.ts`,
    text: `import type { Logger } from '../../logger';
import type { PluginContext, PluginInput, PluginOutput } from '../../plugins/plugin';
import type { PluginRegistry } from '../../plugins/registry';
import type { ToolRunner } from '../../plugins/runtime/tool-runner';

export interface ExecutionRequest {
  readonly plugin: string;
  readonly input: PluginInput;
  readonly requestId: string;
  readonly tenant: string;
}

export class PluginExecutionService {
  constructor(
    private readonly runner: ToolRunner,
    private readonly registry: PluginRegistry,
    private readonly logger: Logger,
  ) {}

  async execute(request: ExecutionRequest): Promise<PluginOutput> {
    const log = this.logger.child(request.plugin);
    const context: PluginContext = {
      requestId: request.requestId,
      tenant: request.tenant,
      log: (level, message) => log.write(level, message),
    };
    return this.runner.run(request.plugin, request.input, context);
  }

  available(): string[] {
    return this.registry
      .list()
      .filter((record) => record.state !== 'UNAVAILABLE' && record.state !== 'FAILED')
      .map((record) => record.plugin.name);
  }
}

export class BatchExecutionService {
  constructor(private readonly executions: PluginExecutionService) {}

  async executeAll(requests: readonly ExecutionRequest[]): Promise<PluginOutput[]> {
    const outputs: PluginOutput[] = [];
    for (const request of requests) outputs.push(await this.executions.execute(request));
    return outputs;
  }
}
`,
  };
}

function jobService(pipeline: PipelineSpec, batchSize: number): GeneratedFile {
  const { pascal, domain } = pipeline;
  const entity = domain?.entities[0];
  return {
    path: `${EXEC}/job-${pipeline.kebab}-service.ts`,
    text: lines(
      `import { chunk, partition } from '../../modules/shared/collections';`,
      `import type { PluginOutput } from '../../plugins/plugin';`,
      `import type { PluginExecutionService } from './plugin-execution-service';`,
      domain && entity && `import type { ${entity.name} } from '../../modules/${domain.dir}/types';`,
      ``,
      `export interface Job${pascal}Request {`,
      `  readonly items: readonly string[];`,
      `  readonly requestId: string;`,
      `  readonly tenant: string;`,
      `}`,
      ``,
      `export interface Job${pascal}Result {`,
      `  readonly succeeded: number;`,
      `  readonly failed: number;`,
      `  readonly warnings: string[];`,
      `}`,
      ``,
      `const PLUGINS = [${pipeline.plugins.map((plugin) => `'${plugin.id}'`).join(', ')}] as const;`,
      `const BATCH_SIZE = ${batchSize};`,
      ``,
      `export class Job${pascal}Service {`,
      `  constructor(private readonly executions: PluginExecutionService) {}`,
      ``,
      `  async submit(request: Job${pascal}Request): Promise<Job${pascal}Result> {`,
      `    const outputs: PluginOutput[] = [];`,
      `    for (const batch of chunk(request.items, BATCH_SIZE)) {`,
      `      for (const plugin of PLUGINS) {`,
      `        const input = { items: batch, size: batch.length };`,
      `        outputs.push(await this.executions.execute({ plugin, input, requestId: request.requestId, tenant: request.tenant }));`,
      `      }`,
      `    }`,
      `    const [good, bad] = partition(outputs, (output) => output.ok);`,
      `    return { succeeded: good.length, failed: bad.length, warnings: outputs.flatMap((output) => [...output.warnings]) };`,
      `  }`,
      entity && ``,
      entity && `  describe(items: readonly ${entity.name}[]): string[] {`,
      entity && `    return items.map((item) => \`\${item.id}:\${item.status}\`);`,
      entity && `  }`,
      `}`,
    ),
  };
}

function analysisService(plan: ProjectPlan): GeneratedFile {
  const imports = plan.pipelines.map((p) => `import type { Job${p.pascal}Service } from './job-${p.kebab}-service';`);
  const classes = plan.pipelines.flatMap((p) => [
    ``,
    `export class ${p.pascal}Analysis implements Analysis {`,
    `  readonly pipeline = '${p.kebab}';`,
    ``,
    `  constructor(private readonly jobs: Job${p.pascal}Service) {}`,
    ``,
    `  async analyze(request: AnalysisRequest): Promise<AnalysisReport> {`,
    `    const result = await this.jobs.submit(request);`,
    `    const { succeeded, failed, warnings } = result;`,
    `    return { id: request.requestId, pipeline: this.pipeline, succeeded, failed, warnings, score: score(succeeded, failed) };`,
    `  }`,
    `}`,
  ]);
  return {
    path: `${EXEC}/analysis-execution-service.ts`,
    text: lines(
      ...imports,
      ``,
      `export interface AnalysisRequest {`,
      `  readonly items: readonly string[];`,
      `  readonly requestId: string;`,
      `  readonly tenant: string;`,
      `}`,
      ``,
      `export interface AnalysisReport {`,
      `  readonly id: string;`,
      `  readonly pipeline: string;`,
      `  readonly succeeded: number;`,
      `  readonly failed: number;`,
      `  readonly warnings: readonly string[];`,
      `  readonly score: number;`,
      `}`,
      ``,
      `export interface Analysis {`,
      `  readonly pipeline: string;`,
      `  analyze(request: AnalysisRequest): Promise<AnalysisReport>;`,
      `}`,
      ``,
      `function score(succeeded: number, failed: number): number {`,
      `  const total = succeeded + failed;`,
      `  return total === 0 ? 1 : succeeded / total;`,
      `}`,
      ...classes,
      ``,
      `export class AnalysisExecutionService {`,
      `  private readonly analyses = new Map<string, Analysis>();`,
      ``,
      `  constructor(analyses: readonly Analysis[]) {`,
      `    for (const analysis of analyses) this.analyses.set(analysis.pipeline, analysis);`,
      `  }`,
      ``,
      `  async analyze(pipeline: string, request: AnalysisRequest): Promise<AnalysisReport | undefined> {`,
      `    return this.analyses.get(pipeline)?.analyze(request);`,
      `  }`,
      ``,
      `  pipelines(): string[] {`,
      `    return [...this.analyses.keys()].sort();`,
      `  }`,
      `}`,
    ),
  };
}

function routes(pipeline: PipelineSpec): GeneratedFile {
  const { pascal, kebab, domain } = pipeline;
  const normalize = domain && `normalize${domain.pascal}Name`;
  return {
    path: `src/api/routes/${kebab}-routes.ts`,
    text: lines(
      `import type { ${pascal}Analysis } from '../../services/execution/analysis-execution-service';`,
      normalize && `import { ${normalize} } from '../../modules/${domain.dir}/utils';`,
      `import { bodyItems, type Router } from '../http';`,
      ``,
      `export function register${pascal}Routes(router: Router, analysis: ${pascal}Analysis): void {`,
      `  router.post('/${kebab}', async (request) => {`,
      `    const items = bodyItems(request)${normalize ? `.map(${normalize})` : ''};`,
      `    if (items.length === 0) return { status: 400, body: { error: 'no items' } };`,
      `    const report = await analysis.analyze({ items, requestId: request.requestId, tenant: request.tenant });`,
      `    return { status: report.failed > 0 ? 207 : 200, body: report };`,
      `  });`,
      `  router.get('/${kebab}/health', async () => ({ status: 200, body: { pipeline: analysis.pipeline } }));`,
      `}`,
    ),
  };
}

/** app.ts: outside every layer (wiring), so it may construct each one. */
function app(plan: ProjectPlan): GeneratedFile {
  const ps = plan.pipelines;
  const local = (p: PipelineSpec): string => `${camelCase(p.pascal)}Analysis`;
  return {
    path: 'src/app.ts',
    text: lines(
      `import { createRouter, type Router } from './api/http';`,
      `import { registerLegacyRoutes } from './api/routes/legacy-routes';`,
      ...ps.map((p) => `import { register${p.pascal}Routes } from './api/routes/${p.kebab}-routes';`),
      `import type { Logger } from './logger';`,
      `import { builtinPlugins } from './plugins/builtin/index';`,
      `import { PluginRegistry } from './plugins/registry';`,
      `import { ToolRunner } from './plugins/runtime/tool-runner';`,
      `import { AnalysisExecutionService, ${ps.map((p) => `${p.pascal}Analysis`).join(', ')} } from './services/execution/analysis-execution-service';`,
      ...ps.map((p) => `import { Job${p.pascal}Service } from './services/execution/job-${p.kebab}-service';`),
      `import { PluginExecutionService } from './services/execution/plugin-execution-service';`,
      ``,
      `export interface App {`,
      `  readonly router: Router;`,
      `  readonly registry: PluginRegistry;`,
      `  readonly analysis: AnalysisExecutionService;`,
      `}`,
      ``,
      `export function buildApp(logger: Logger): App {`,
      `  const registry = new PluginRegistry();`,
      `  for (const plugin of builtinPlugins()) registry.register(plugin);`,
      `  const executions = new PluginExecutionService(new ToolRunner(registry), registry, logger);`,
      `  const router = createRouter();`,
      ...ps.flatMap((p) => [
        `  const ${local(p)} = new ${p.pascal}Analysis(new Job${p.pascal}Service(executions));`,
        `  register${p.pascal}Routes(router, ${local(p)});`,
      ]),
      `  registerLegacyRoutes(router, executions);`,
      `  const analysis = new AnalysisExecutionService([${ps.map(local).join(', ')}]);`,
      `  return { router, registry, analysis };`,
      `}`,
    ),
  };
}

/** Every file of the layered path api → analysis → job → plugin execution, plus the wiring. */
export function layerFiles(plan: ProjectPlan, random: Random): GeneratedFile[] {
  return [
    pluginExecutionService(),
    analysisService(plan),
    ...plan.pipelines.map((pipeline) => jobService(pipeline, random.int(5, 50))),
    ...plan.pipelines.map(routes),
    app(plan),
  ];
}
