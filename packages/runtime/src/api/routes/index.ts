import type { FastifyInstance } from 'fastify';
import type { AnalysisExecutionService } from '../../services/execution/analysis-execution-service.js';
import { analyzeExecutionRoutes } from './analyze-execution.js';
import { healthRoutes } from './health.js';
import { jobRoutes } from './jobs.js';
import { pluginRoutes } from './plugins.js';

/** Registers every route; the API reaches the services only through `analysis`. */
export function registerRoutes(app: FastifyInstance, analysis: AnalysisExecutionService): void {
  analyzeExecutionRoutes(app, analysis);
  jobRoutes(app, analysis);
  pluginRoutes(app, analysis);
  healthRoutes(app, analysis);
}
