import type { FastifyInstance } from 'fastify';
import type { AnalysisExecutionService } from '../../services/execution/analysis-execution-service.js';

/** GET /v1/plugins: every plugin with its lifecycle state and metrics. */
export function pluginRoutes(app: FastifyInstance, analysis: AnalysisExecutionService): void {
  app.get(
    '/v1/plugins',
    {
      schema: {
        summary: 'List plugins with state and metrics',
        response: {
          200: {
            type: 'object',
            required: ['plugins'],
            additionalProperties: false,
            properties: { plugins: { type: 'array', items: { $ref: 'Plugin#' } } },
          },
        },
      },
    },
    async () => ({ plugins: await analysis.listPlugins() }),
  );
}
