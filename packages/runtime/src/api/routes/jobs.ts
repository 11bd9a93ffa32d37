import type { FastifyInstance } from 'fastify';
import type { AnalysisExecutionService } from '../../services/execution/analysis-execution-service.js';
import type { JobStatus } from '../../services/execution/job-store.js';
import { toJobView } from '../job-view.js';
import { errorResponses, JOB_STATUS_VALUES, jobParamsSchema } from '../schemas.js';

/** Job routes: get one, list (optionally by status), cancel. */
export function jobRoutes(app: FastifyInstance, analysis: AnalysisExecutionService): void {
  app.get<{ Params: { id: string } }>(
    '/v1/analyze-execution/jobs/:id',
    {
      schema: {
        summary: 'Get a job',
        params: jobParamsSchema,
        response: { 200: { $ref: 'Job#' }, ...errorResponses(400, 404, 414, 503) },
      },
    },
    async (request) => toJobView(await analysis.getJob(request.params.id)),
  );

  app.get<{ Querystring: { status?: JobStatus } }>(
    '/v1/analyze-execution/jobs',
    {
      schema: {
        summary: 'List jobs, optionally by status',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: [...JOB_STATUS_VALUES] } },
        },
        response: {
          200: {
            type: 'object',
            required: ['jobs'],
            additionalProperties: false,
            properties: { jobs: { type: 'array', items: { $ref: 'Job#' } } },
          },
          ...errorResponses(400, 503),
        },
      },
    },
    async (request) => ({ jobs: (await analysis.listJobs(request.query.status)).map(toJobView) }),
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/analyze-execution/jobs/:id',
    {
      schema: {
        summary: 'Cancel a job (a finished job is returned unchanged)',
        params: jobParamsSchema,
        response: { 200: { $ref: 'Job#' }, ...errorResponses(400, 404, 414, 503) },
      },
    },
    async (request) => toJobView(await analysis.cancelJob(request.params.id)),
  );
}
