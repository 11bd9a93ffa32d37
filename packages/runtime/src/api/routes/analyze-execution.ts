import type { FastifyInstance } from 'fastify';
import type { AnalysisExecutionService } from '../../services/execution/analysis-execution-service.js';
import { toJobView } from '../job-view.js';
import { errorResponses } from '../schemas.js';

interface AnalyzeBody {
  plugin: string;
  payload: unknown;
  mode?: 'sync' | 'async';
}

/** POST /v1/analyze-execution: run a plugin now (200) or as a job (202 + Location). */
export function analyzeExecutionRoutes(app: FastifyInstance, analysis: AnalysisExecutionService): void {
  app.post<{ Body: AnalyzeBody }>(
    '/v1/analyze-execution',
    {
      schema: {
        summary: 'Run a plugin synchronously, or queue it as an async job',
        body: {
          type: 'object',
          required: ['plugin', 'payload'],
          additionalProperties: false,
          properties: {
            plugin: { type: 'string', minLength: 1, maxLength: 200 },
            payload: { description: "The plugin's input; its own input schema validates it." },
            mode: { type: 'string', enum: ['sync', 'async'], default: 'sync' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['plugin', 'result', 'job_id'],
            additionalProperties: false,
            properties: {
              plugin: { type: 'string' },
              result: { type: 'object', additionalProperties: true },
              job_id: { type: 'string' },
            },
          },
          202: {
            type: 'object',
            required: ['job_id', 'status'],
            additionalProperties: false,
            properties: { job_id: { type: 'string' }, status: { type: 'string' } },
          },
          ...errorResponses(400, 404, 413, 415, 429, 500, 503, 504),
        },
      },
    },
    async (request, reply) => {
      const outcome = await analysis.execute(request.body);
      if (outcome.mode === 'sync') {
        return reply.status(200).send({ plugin: outcome.plugin, result: outcome.result, job_id: outcome.job.id });
      }
      const view = toJobView(outcome.job);
      return reply
        .status(202)
        .header('location', `/v1/analyze-execution/jobs/${encodeURIComponent(view.job_id)}`)
        .send({ job_id: view.job_id, status: view.status });
    },
  );
}
