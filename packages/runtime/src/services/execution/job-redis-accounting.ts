import type { Redis } from 'ioredis';
import type { RunRecord } from '../../plugins/runtime/tool-runner.js';
import { MARKER_TTL_SECONDS, queueKeys } from './job-bullmq-codec.js';
import type { RunMetrics } from './job-queue.js';

// Each script is one EVAL: atomic in Redis, and one write on the socket, so a process killed
// mid-way has either recorded a run completely or not at all.

// KEYS: run marker, metrics hash, plugin set. ARGV: plugin, ok (1|0), ms, finishedAt, ttl.
// The run marker makes a (job, attempt) count once even if the command is resent on reconnect.
const RECORD_RUN = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[5]) then return 0 end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('HINCRBY', KEYS[2], ARGV[2] == '1' and 'success_count' or 'error_count', 1)
redis.call('HINCRBYFLOAT', KEYS[2], 'total_ms', ARGV[3])
redis.call('HSET', KEYS[2], 'last_ms', ARGV[3], 'last_used', ARGV[4], 'last_ok', ARGV[2])
return 1`;

// KEYS: bytes hash, total. ARGV: job id, bytes. Holding twice is a no-op.
const HOLD_BYTES = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then redis.call('INCRBY', KEYS[2], ARGV[2]) end
return 1`;

// KEYS: bytes hash, total. ARGV: job id. Releasing twice (worker and API both saw the end) is a no-op.
const RELEASE_BYTES = `
local n = redis.call('HGET', KEYS[1], ARGV[1])
if n then redis.call('HDEL', KEYS[1], ARGV[1]); redis.call('DECRBY', KEYS[2], n) end
return 1`;

/** Run metrics and held payload bytes, shared by every process through Redis. */
export class RedisJobAccounting {
  readonly #redis: Redis;
  readonly #keys: ReturnType<typeof queueKeys>;

  constructor(redis: Redis, queueName: string) {
    this.#redis = redis;
    this.#keys = queueKeys(queueName);
  }

  /** Counts one finished run of (job, attempt), once. Sent in the same tick as the run ends. */
  recordRun(run: RunRecord, attempt: number): Promise<unknown> {
    const keys = this.#keys;
    const ms = String(Math.round(run.durationMs * 1000) / 1000);
    return this.#redis.eval(
      RECORD_RUN,
      3,
      keys.run(run.jobId, attempt),
      keys.metrics(run.plugin),
      keys.metricPlugins,
      run.plugin,
      run.ok ? '1' : '0',
      ms,
      run.finishedAt,
      String(MARKER_TTL_SECONDS),
    );
  }

  /** Totals per plugin, without `running` (the queue's active jobs give that). */
  async metrics(): Promise<Map<string, Omit<RunMetrics, 'running'>>> {
    const plugins = await this.#redis.smembers(this.#keys.metricPlugins);
    const hashes = await Promise.all(plugins.map((plugin) => this.#redis.hgetall(this.#keys.metrics(plugin))));
    return new Map(
      plugins.map((plugin, i) => {
        const hash = hashes[i] ?? {};
        return [
          plugin,
          {
            success_count: Number(hash.success_count ?? 0),
            error_count: Number(hash.error_count ?? 0),
            last_execution_time_ms: hash.last_ms === undefined ? null : Number(hash.last_ms),
            total_execution_time_ms: Number(hash.total_ms ?? 0),
            last_used: hash.last_used ?? null,
            last_ok: hash.last_ok === undefined ? null : hash.last_ok === '1',
          },
        ];
      }),
    );
  }

  /** Counts a queued payload against the byte bound until `releaseBytes`. */
  async holdBytes(jobId: string, bytes: number): Promise<void> {
    await this.#redis.eval(HOLD_BYTES, 2, this.#keys.bytes, this.#keys.bytesTotal, jobId, String(bytes));
  }

  /** Stops counting a job's payload: it finished, failed for good or was cancelled. */
  async releaseBytes(jobId: string): Promise<void> {
    await this.#redis.eval(RELEASE_BYTES, 2, this.#keys.bytes, this.#keys.bytesTotal, jobId);
  }

  /** Payload bytes of unfinished jobs. */
  async bytesHeld(): Promise<number> {
    return Number((await this.#redis.get(this.#keys.bytesTotal)) ?? 0);
  }
}
