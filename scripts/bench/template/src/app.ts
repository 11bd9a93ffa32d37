import { createRouter, type Router } from './api/http';
import { registerLegacyRoutes } from './api/routes/legacy-routes';
import { registerSampleRoutes } from './api/routes/sample-routes';
import type { Logger } from './logger';
import { builtinPlugins } from './plugins/builtin/index';
import { PluginRegistry } from './plugins/registry';
import { ToolRunner } from './plugins/runtime/tool-runner';
import { AnalysisExecutionService, PipelineAnalysis } from './services/execution/analysis-execution-service';
import { JobSampleService } from './services/execution/job-sample-service';
import { PluginExecutionService } from './services/execution/plugin-execution-service';

export interface App {
  readonly router: Router;
  readonly registry: PluginRegistry;
  readonly analysis: AnalysisExecutionService;
}

export function buildApp(logger: Logger): App {
  const registry = new PluginRegistry();
  for (const plugin of builtinPlugins()) registry.register(plugin);
  const executions = new PluginExecutionService(new ToolRunner(registry), registry, logger);
  const router = createRouter();
  // Only the template's own pipeline is wired here; the bench's renamed clones stand beside it.
  const sampleAnalysis = new PipelineAnalysis('sample', new JobSampleService(executions));
  registerSampleRoutes(router, sampleAnalysis);
  registerLegacyRoutes(router, executions);
  const analysis = new AnalysisExecutionService([sampleAnalysis]);
  return { router, registry, analysis };
}
