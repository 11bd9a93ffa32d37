/** Every error type the runtime reports, with the HTTP status it maps to. One table, no other source. */
export const ERROR_TYPES = {
  ValidationError: { status: 400, description: 'The request or the plugin input does not match its schema.' },
  PluginError: { status: 500, description: 'The plugin threw, rejected, or returned an invalid output.' },
  ExecutionError: { status: 500, description: 'The runtime could not complete the execution (cancelled, shut down, internal).' },
  TimeoutError: { status: 504, description: 'The plugin did not finish within its timeout.' },
  NotFoundError: { status: 404, description: 'The plugin, job or route does not exist or is unavailable.' },
  OverloadedError: { status: 429, description: 'The job queue is at its bound (jobs or payload bytes); retry after `Retry-After` seconds.' },
  UnavailableError: {
    status: 503,
    description: 'The service is shutting down or its queue backend is unreachable; retry after `Retry-After` seconds.',
  },
} as const;

/** One of the error types of the table above. */
export type ErrorType = keyof typeof ERROR_TYPES;

/** The part of an error clients see. */
export interface PublicError {
  type: ErrorType;
  message: string;
  details: unknown;
  plugin: string | null;
  /** ISO 8601, UTC. */
  timestamp: string;
}

/** The full envelope: `error` goes to clients, `_internal` only to the log. */
export interface ErrorEnvelope {
  error: PublicError;
  _internal: { stack: string | null };
}

/** A known runtime error: carries its envelope type, so nothing downstream has to guess. */
export class RuntimeError extends Error {
  readonly type: ErrorType;
  readonly details: unknown;
  readonly plugin: string | null;
  /** Seconds a client should wait before retrying (429/503): sent as `Retry-After`. */
  readonly retryAfterSeconds: number | null;

  constructor(type: ErrorType, message: string, options: { details?: unknown; plugin?: string | null; cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = type;
    this.type = type;
    this.details = options.details ?? null;
    this.plugin = options.plugin ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/** HTTP status for an error type. */
export function statusFor(type: ErrorType): number {
  return ERROR_TYPES[type].status;
}

/** Builds an envelope from its parts; the timestamp is always now, in UTC. */
export function createErrorEnvelope(
  type: ErrorType,
  message: string,
  options: { details?: unknown; plugin?: string | null; stack?: string | null } = {},
): ErrorEnvelope {
  return {
    error: {
      type,
      message,
      details: options.details ?? null,
      plugin: options.plugin ?? null,
      timestamp: new Date().toISOString(),
    },
    _internal: { stack: options.stack ?? null },
  };
}

/**
 * Turns anything thrown into an envelope. A RuntimeError keeps its type; any other throw
 * (including non-Error values) becomes `fallback`, since the caller knows whose fault it was.
 */
export function toErrorEnvelope(thrown: unknown, plugin: string | null, fallback: ErrorType = 'PluginError'): ErrorEnvelope {
  if (thrown instanceof RuntimeError) {
    return createErrorEnvelope(thrown.type, thrown.message, {
      details: thrown.details,
      plugin: thrown.plugin ?? plugin,
      stack: thrown.stack ?? null,
    });
  }
  if (thrown instanceof Error) {
    return createErrorEnvelope(fallback, thrown.message || thrown.name, { plugin, stack: thrown.stack ?? null });
  }
  return createErrorEnvelope(fallback, `Non-Error value thrown: ${describe(thrown)}`, { plugin });
}

/** The client-facing body: the envelope without `_internal`. */
export function publicBody(envelope: ErrorEnvelope): { error: PublicError } {
  return { error: envelope.error };
}

function describe(value: unknown): string {
  try {
    const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    // Objects with a throwing toString, or null-prototype objects.
    return Object.prototype.toString.call(value);
  }
}
