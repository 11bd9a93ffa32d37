import { ERROR_TYPES } from '../errors.js';

// JSON Schemas for the HTTP surface. Fastify validates requests with them (Ajv, no coercion,
// no silent stripping) and @fastify/swagger turns them into the OpenAPI document.

const JOB_STATUS_VALUES = ['PENDING', 'RUNNING', 'SUCCESS', 'FAILED', 'CANCELLED'];

/** The client-facing error envelope. */
export const errorResponseSchema = {
  $id: 'ErrorResponse',
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['type', 'message', 'details', 'plugin', 'timestamp'],
      additionalProperties: false,
      properties: {
        type: { type: 'string', enum: Object.keys(ERROR_TYPES) },
        message: { type: 'string' },
        details: { description: 'Type-specific data (validation issues, timeout, job id); null when none.' },
        plugin: { type: ['string', 'null'] },
        timestamp: { type: 'string', format: 'date-time' },
      },
    },
  },
} as const;

/** A job as clients see it (the payload is not echoed back). */
export const jobSchema = {
  $id: 'Job',
  type: 'object',
  required: ['job_id', 'plugin', 'status', 'result', 'error', 'created_at', 'started_at', 'finished_at', 'attempts', 'history'],
  additionalProperties: false,
  properties: {
    job_id: { type: 'string' },
    plugin: { type: 'string' },
    status: { type: 'string', enum: JOB_STATUS_VALUES },
    result: { type: ['object', 'null'], additionalProperties: true },
    error: { anyOf: [{ $ref: 'ErrorResponse#/properties/error' }, { type: 'null' }] },
    created_at: { type: 'string', format: 'date-time' },
    started_at: { type: ['string', 'null'], format: 'date-time' },
    finished_at: { type: ['string', 'null'], format: 'date-time' },
    attempts: { type: 'integer', minimum: 0, description: 'Attempts started so far.' },
    history: {
      type: 'array',
      description: 'Every status the job entered, in order; retries and lost workers say so in `reason`.',
      items: {
        type: 'object',
        required: ['status', 'at', 'attempt', 'reason'],
        additionalProperties: false,
        properties: {
          status: { type: 'string', enum: JOB_STATUS_VALUES },
          at: { type: 'string', format: 'date-time' },
          attempt: { type: ['integer', 'null'] },
          reason: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

/** A plugin with its lifecycle state and metrics. */
export const pluginSchema = {
  $id: 'Plugin',
  type: 'object',
  required: ['name', 'version', 'description', 'timeout_ms', 'state', 'reason', 'metrics'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    description: { type: 'string' },
    timeout_ms: { type: ['number', 'null'] },
    state: { type: 'string', enum: ['LOADED', 'INITIALIZED', 'RUNNING', 'FAILED', 'UNAVAILABLE'] },
    reason: { type: ['string', 'null'] },
    metrics: {
      type: 'object',
      required: ['success_count', 'error_count', 'last_execution_time_ms', 'avg_execution_time_ms', 'last_used', 'state'],
      additionalProperties: false,
      properties: {
        success_count: { type: 'integer' },
        error_count: { type: 'integer' },
        last_execution_time_ms: { type: ['number', 'null'] },
        avg_execution_time_ms: { type: ['number', 'null'] },
        last_used: { type: ['string', 'null'], format: 'date-time' },
        state: { type: 'string' },
      },
    },
  },
} as const;

/** Path parameter `:id` of job routes. */
export const jobParamsSchema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

/** Error responses every route may give, for the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, { $ref: string }> {
  return Object.fromEntries(statuses.map((status) => [status, { $ref: 'ErrorResponse#' }]));
}

/** Every shared schema, to add with `app.addSchema` before routes. */
export const sharedSchemas = [errorResponseSchema, jobSchema, pluginSchema];

export { JOB_STATUS_VALUES };
