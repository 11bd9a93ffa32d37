import type { StandardSchemaV1 } from '@standard-schema/spec';

/** Outcome of validating a value against a Standard Schema. */
export type SchemaResult<T> = { ok: true; value: T } | { ok: false; issues: Array<{ path: string; message: string }> };

/** Validates with any Standard Schema (sync or async) and flattens issues to `path: message`. */
export async function validateWithSchema<T>(schema: StandardSchemaV1<unknown, T>, value: unknown): Promise<SchemaResult<T>> {
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return { ok: true, value: result.value };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  };
}

/** True for `{}`-like objects: not arrays, not class instances, not null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True when `value` looks like a Standard Schema (has a `~standard.validate`). */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if (typeof value !== 'object' && typeof value !== 'function') return false;
  if (value === null) return false;
  const standard = (value as { '~standard'?: { validate?: unknown } })['~standard'];
  return typeof standard?.validate === 'function';
}

function formatPath(path: StandardSchemaV1.Issue['path']): string {
  if (path === undefined || path.length === 0) return '$';
  return path
    .map((segment) => (typeof segment === 'object' ? segment.key : segment))
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .reduce((acc, part) => acc + part, '$');
}
