import { describe, expect, it } from 'vitest';
import { createErrorEnvelope, ERROR_TYPES, publicBody, RuntimeError, statusFor, toErrorEnvelope } from '../src/errors.js';
import { ISO_UTC } from './helpers/runtime.js';

describe('errors', () => {
  it('maps each error type to its HTTP status', () => {
    expect(Object.fromEntries(Object.keys(ERROR_TYPES).map((type) => [type, statusFor(type as keyof typeof ERROR_TYPES)]))).toEqual({
      ValidationError: 400,
      PluginError: 500,
      ExecutionError: 500,
      TimeoutError: 504,
      NotFoundError: 404,
      OverloadedError: 429,
      UnavailableError: 503,
    });
  });

  it('builds an envelope with a UTC timestamp and keeps the stack internal', () => {
    const envelope = createErrorEnvelope('TimeoutError', 'slow', { plugin: 'p', details: { timeout_ms: 5 }, stack: 'at x' });
    expect(envelope.error).toMatchObject({ type: 'TimeoutError', message: 'slow', plugin: 'p', details: { timeout_ms: 5 } });
    expect(envelope.error.timestamp).toMatch(ISO_UTC);
    expect(envelope._internal.stack).toBe('at x');
    expect(publicBody(envelope)).toEqual({ error: envelope.error });
    expect(JSON.stringify(publicBody(envelope))).not.toContain('at x');
  });

  it('keeps the type of a RuntimeError and falls back for anything else', () => {
    expect(toErrorEnvelope(new RuntimeError('NotFoundError', 'gone'), 'p').error.type).toBe('NotFoundError');
    expect(toErrorEnvelope(new Error('boom'), 'p').error).toMatchObject({ type: 'PluginError', message: 'boom', plugin: 'p' });
    expect(toErrorEnvelope(new Error('boom'), null, 'ExecutionError').error.type).toBe('ExecutionError');
  });

  it('describes non-Error throws without crashing, even on hostile values', () => {
    expect(toErrorEnvelope('text', 'p').error.message).toBe('Non-Error value thrown: "text"');
    expect(toErrorEnvelope(undefined, 'p').error.message).toBe('Non-Error value thrown: undefined');
    const hostile = Object.create(null) as object;
    expect(toErrorEnvelope(hostile, 'p').error.message).toBe('Non-Error value thrown: [object Object]');
  });
});
