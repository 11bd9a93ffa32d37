import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { createErrorEnvelope, publicBody, RuntimeError, statusFor, toErrorEnvelope, type ErrorEnvelope } from '../errors.js';

/** Longest `:id` the router passes on; the job id schema allows the same, so ids up to it reach the schema. */
export const MAX_PARAM_LENGTH = 200;

/**
 * Fastify options that route its own client-visible errors into our envelope: bad URL encoding
 * and over-long params (`frameworkErrors`), errors before any route runs (`clientErrorHandler`:
 * 400, 408, 431), and the 503 while closing (answered by our `onRequest` hook instead).
 */
export function envelopeServerOptions(): Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler' | 'return503OnClosing' | 'routerOptions'> {
  return {
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    return503OnClosing: false,
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
    clientErrorHandler: writeClientError,
  };
}

/** Maps every failure (ours, Fastify's, unknown) to the envelope; stacks go only to the log. */
export function registerErrorHandling(app: FastifyInstance, options: { isDraining: () => boolean; retryAfterSeconds: number }): void {
  app.setErrorHandler((error: FastifyError | RuntimeError, request, reply) => sendError(error, request, reply));

  app.setNotFoundHandler((request, reply) => {
    const envelope = createErrorEnvelope('NotFoundError', `Route ${request.method} ${request.url.split('?')[0] ?? ''} not found.`);
    return reply.status(404).send(publicBody(envelope));
  });

  // While closing, Fastify would answer 503 with its own body: refuse here, in the envelope.
  app.addHook('onRequest', async (_request, reply) => {
    if (!options.isDraining()) return;
    reply.header('connection', 'close');
    throw new RuntimeError('UnavailableError', 'The service is shutting down; retry on another instance or later.', {
      retryAfterSeconds: options.retryAfterSeconds,
    });
  });
}

function sendError(error: FastifyError | RuntimeError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { envelope, status } = classify(error);
  const level = status >= 500 ? 'error' : 'info';
  request.log[level]({ err: envelope.error, stack: envelope._internal.stack }, 'request failed');
  if (error instanceof RuntimeError && error.retryAfterSeconds !== null) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.status(status).type('application/json').send(publicBody(envelope));
}

/** Errors Node's HTTP parser raises before Fastify sees a request: written raw, in the envelope. */
function writeClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request header fields are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive.']
        : [400, 'The request could not be parsed as HTTP.'];
  const body = JSON.stringify(publicBody(createErrorEnvelope('ValidationError', message, { details: { code: error.code ?? null } })));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
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
  if (error.code === 'FST_ERR_BAD_URL') {
    return {
      envelope: createErrorEnvelope('ValidationError', 'The URL has an invalid percent-encoding.', { details: { code: error.code }, stack }),
      status: 400,
    };
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return {
      envelope: createErrorEnvelope('ValidationError', `A path parameter is longer than ${MAX_PARAM_LENGTH} characters.`, {
        details: { code: error.code, max_length: MAX_PARAM_LENGTH },
        stack,
      }),
      status: 414,
    };
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx messages (malformed JSON, empty body...) are safe and useful to show.
    return { envelope: createErrorEnvelope('ValidationError', error.message, { details: { code: error.code ?? null }, stack }), status };
  }
  return { envelope: createErrorEnvelope('ExecutionError', 'Internal server error.', { stack }), status: 500 };
}
