import type { FastifyError, FastifyInstance } from 'fastify';
import { createErrorEnvelope, publicBody, RuntimeError, statusFor, toErrorEnvelope, type ErrorEnvelope } from '../errors.js';

/** Maps every failure (ours, Fastify's, unknown) to the envelope; stacks go only to the log. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | RuntimeError, request, reply) => {
    const { envelope, status } = classify(error);
    const level = status >= 500 ? 'error' : 'info';
    request.log[level]({ err: envelope.error, stack: envelope._internal.stack }, 'request failed');
    return reply.status(status).type('application/json').send(publicBody(envelope));
  });

  app.setNotFoundHandler((request, reply) => {
    const envelope = createErrorEnvelope('NotFoundError', `Route ${request.method} ${request.url.split('?')[0] ?? ''} not found.`);
    return reply.status(404).send(publicBody(envelope));
  });
}

function classify(error: FastifyError | RuntimeError): { envelope: ErrorEnvelope; status: number } {
  if (error instanceof RuntimeError) {
    return { envelope: toErrorEnvelope(error, error.plugin), status: statusFor(error.type) };
  }
  const stack = error.stack ?? null;
  if (Array.isArray(error.validation)) {
    const issues = error.validation.map((issue) => ({
      path: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
      message: issue.message ?? 'is invalid',
      keyword: issue.keyword,
      params: issue.params,
    }));
    return { envelope: createErrorEnvelope('ValidationError', error.message, { details: { issues }, stack }), status: 400 };
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { envelope: createErrorEnvelope('ValidationError', 'Request body is too large.', { stack }), status: 413 };
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      envelope: createErrorEnvelope('ValidationError', 'Content-Type must be application/json.', { stack }),
      status: 415,
    };
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx messages (malformed JSON, empty body...) are safe and useful to show.
    return { envelope: createErrorEnvelope('ValidationError', error.message, { details: { code: error.code ?? null }, stack }), status };
  }
  return { envelope: createErrorEnvelope('ExecutionError', 'Internal server error.', { stack }), status: 500 };
}
