import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** How to get Redis for these tests, named in the skip line. */
export const REDIS_HINT =
  'set EXECGOV_TEST_REDIS_URL=redis://127.0.0.1:<port>, or install redis-server (apt-get install -y redis-server; `bash .ci/run` starts one)';

/** A Redis for tests: EXECGOV_TEST_REDIS_URL, else a redis-server started here on a free port. */
export interface TestRedis {
  url: string;
  /** A queue name no other test uses. */
  queueName(label: string): string;
  stop(): Promise<void>;
}

/**
 * Redis for a test file, or null (with one line on stderr) when there is none locally. Under CI
 * a missing Redis is an error: these tests must never be skipped there.
 */
export async function testRedis(): Promise<TestRedis | null> {
  const queueName = (label: string): string => `test-${label}-${randomUUID().slice(0, 8)}`;
  const given = process.env.EXECGOV_TEST_REDIS_URL;
  if (given) {
    await ping(given);
    return { url: given, queueName, stop: async () => {} };
  }
  if (spawnSync('redis-server', ['--version']).status === 0) {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const url = `redis://127.0.0.1:${port}`;
    await waitForRedis(url, child);
    return { url, queueName, stop: () => stopChild(child) };
  }
  if (process.env.CI) throw new Error(`Redis is required in CI and none is available: ${REDIS_HINT}`);
  console.warn(`[redis] Redis tests skipped: no Redis here; ${REDIS_HINT}`);
  return null;
}

async function ping(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => undefined); // The failed connect() rejects; that is the report.
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

async function waitForRedis(url: string, child: ChildProcess): Promise<void> {
  const end = Date.now() + 10_000;
  for (;;) {
    try {
      await ping(url);
      return;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > end) throw new Error(`redis-server did not start at ${url}: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
