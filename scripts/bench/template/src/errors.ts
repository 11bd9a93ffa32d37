export type ErrorCode = 'PLUGIN_FAILED' | 'INVALID_INPUT' | 'INVALID_OUTPUT' | 'NOT_FOUND' | 'UNAVAILABLE';

export interface ErrorEnvelope {
  readonly code: ErrorCode;
  readonly message: string;
  readonly plugin?: string;
  readonly retryable: boolean;
}

export class ExecutionError extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'ExecutionError';
  }
}

export function toErrorEnvelope(plugin: string, error: unknown): ErrorEnvelope {
  if (error instanceof ExecutionError) return error.envelope;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'PLUGIN_FAILED', message: `${plugin} failed: ${message}`, plugin, retryable: false };
}
