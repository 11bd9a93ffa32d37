import type { FastifyInstance } from 'fastify';
import type { AnalysisExecutionService } from '../../services/execution/analysis-execution-service.js';

/** GET /healthz: liveness with queue figures; GET /openapi.json: the generated document. */
export function healthRoutes(app: FastifyInstance, analysis: AnalysisExecutionService): void {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness and queue figures',
        response: {
          200: {
            type: 'object',
            required: ['status', 'plugins', 'jobs'],
            additionalProperties: false,
            properties: {
              status: { type: 'string', enum: ['ok', 'draining'] },
              plugins: { type: 'integer' },
              jobs: {
                type: 'object',
                required: ['pending', 'running'],
                additionalProperties: false,
                properties: { pending: { type: 'integer' }, running: { type: 'integer' } },
              },
            },
          },
        },
      },
    },
    async () => analysis.health(),
  );

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
