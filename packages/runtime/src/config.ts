import { z } from 'zod';

// Process configuration from the environment: `pnpm start` and `pnpm worker` read the same
// variables, validated once here. A bad value stops the process with one line naming it.

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const retryPolicySchema = z.strictObject({
  attempts: z.number().int().min(1).max(100),
  backoff: z.strictObject({ type: z.enum(['fixed', 'exponential']), delayMs: z.number().int().min(0) }).default({ type: 'fixed', delayMs: 0 }),
});

const envSchema = z.object({
  PORT: int(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SHUTDOWN_DEADLINE_MS: int(10_000),
  /** Unset: jobs live in this process's memory. Set: BullMQ on this Redis. */
  EXECGOV_QUEUE_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional()
    .transform((url) => (url === '' ? undefined : url)),
  EXECGOV_QUEUE_NAME: z.string().min(1).default('execgov-jobs'),
  /** Jobs one process runs at once (the API in memory mode; each worker with Redis). */
  EXECGOV_CONCURRENCY: int(8, 1),
  EXECGOV_MAX_QUEUED_JOBS: int(10_000, 1),
  EXECGOV_MAX_QUEUED_BYTES: int(64 * 1024 * 1024, 1),
  EXECGOV_MAX_FINISHED_JOBS: int(1_000, 1),
  /** How long a sync request waits for its job before a 504 naming it. */
  EXECGOV_SYNC_WAIT_MS: int(60_000, 1),
  /** JSON: `{ "<plugin>": { "attempts": 3, "backoff": { "type": "exponential", "delayMs": 500 } } }`. */
  EXECGOV_RETRY: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), retryPolicySchema)),
  EXECGOV_LOCK_DURATION_MS: int(30_000, 1_000),
  EXECGOV_STALLED_INTERVAL_MS: int(30_000, 100),
  EXECGOV_MAX_STALLED_COUNT: int(1, 0),
});

/** The validated process configuration. */
export type RuntimeConfig = z.output<typeof envSchema>;

/** Reads and validates the environment; throws one message listing every bad variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment: ${problems.join('; ')}`);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
