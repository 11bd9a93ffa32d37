import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../src/app.js';
import { builtinPlugins } from '../../src/plugins/builtin/index.js';
import { eventually } from '../helpers/runtime.js';
import { testRedis, type TestRedis } from '../helpers/redis.js';

// Runtime load figures: jobs per second and submit-to-done latency, in memory and on BullMQ with
// 1 and 2 `pnpm worker` processes (dist/worker.js, built-in plugins). The load generator and the
// API share this process; workers are separate processes. Writes docs/runtime-bench.md.
//   pnpm --filter @execgov/runtime bench [-- --jobs 2000]

const jobsFlag = process.argv.indexOf('--jobs');
const JOBS = jobsFlag === -1 ? 2_000 : Number(process.argv[jobsFlag + 1]);
if (!Number.isInteger(JOBS) || JOBS < 1) {
  console.error('--jobs takes a positive integer, e.g. --jobs 2000');
  process.exit(2);
}
const CLIENTS = 32;
const WARMUP = 300;
const WORKER_CONCURRENCY = 8;
const workerEntry = fileURLToPath(new URL('../../dist/worker.js', import.meta.url));
const outFile = fileURLToPath(new URL('../../../../docs/runtime-bench.md', import.meta.url));

interface Figures {
  mode: string;
  jobsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

async function run(mode: string, redis: TestRedis | null, workers: number, jobCount = JOBS): Promise<Figures> {
  const queueName = redis?.queueName('bench');
  const app = await buildApp({
    plugins: builtinPlugins(),
    queueUrl: redis?.url,
    queueName,
    maxFinishedJobs: JOBS * 2,
    limits: { maxJobs: JOBS * 2 },
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const children = await Promise.all(Array.from({ length: workers }, () => startWorker(redis!, queueName!)));
  try {
    const submitted = new Map<string, number>();
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < jobCount) {
          const i = next++;
          const at = Date.now();
          const res = await fetch(`${base}/v1/analyze-execution`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ plugin: 'hash-text', payload: { text: `job ${i}`, algorithm: 'sha256' }, mode: 'async' }),
          });
          const body = (await res.json()) as { job_id: string };
          if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${JSON.stringify(body)}`);
          submitted.set(body.job_id, at);
        }
      }),
    );
    await eventually(async () => {
      const health = (await (await fetch(`${base}/healthz`)).json()) as { jobs: { pending: number; running: number } };
      return health.jobs.pending + health.jobs.running === 0 ? true : undefined;
    }, 300_000);
    const { jobs } = (await (await fetch(`${base}/v1/analyze-execution/jobs`)).json()) as {
      jobs: Array<{ job_id: string; status: string; finished_at: string }>;
    };
    const latencies: number[] = [];
    let last = started;
    for (const job of jobs) {
      const at = submitted.get(job.job_id);
      if (at === undefined) continue;
      const done = Date.parse(job.finished_at);
      last = Math.max(last, done);
      latencies.push(done - at);
    }
    latencies.sort((a, b) => a - b);
    const pick = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return {
      mode,
      jobsPerSecond: Math.round((jobCount / ((last - started) / 1000)) * 10) / 10,
      p50: pick(0.5),
      p99: pick(0.99),
      failed: jobs.filter((job) => job.status !== 'SUCCESS').length + (jobCount - latencies.length),
    };
  } finally {
    await app.close();
    await Promise.all(children.map(stop));
  }
}

async function startWorker(redis: TestRedis, queueName: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [workerEntry], {
    env: { ...process.env, EXECGOV_QUEUE_URL: redis.url, EXECGOV_QUEUE_NAME: queueName, EXECGOV_CONCURRENCY: String(WORKER_CONCURRENCY) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(() => (output.includes('worker ready') ? true : undefined), 30_000);
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

if (!existsSync(workerEntry)) {
  console.error(`${workerEntry} is missing: build first (npx tsc -b from the repository root).`);
  process.exit(2);
}
const redis = await testRedis();
if (redis === null) process.exit(2);
const load = loadavg()[0]!.toFixed(1);
const results: Figures[] = [];
try {
  await run('warm-up', null, 0, WARMUP);
  results.push(await run('in memory (API runs the jobs, concurrency 8)', null, 0));
  results.push(await run(`BullMQ, 1 worker (concurrency ${WORKER_CONCURRENCY})`, redis, 1));
  results.push(await run(`BullMQ, 2 workers (concurrency ${WORKER_CONCURRENCY} each)`, redis, 2));
} finally {
  await redis.stop();
}

const rows = results.map((r) => `| ${r.mode} | ${r.jobsPerSecond} | ${r.p50} | ${r.p99} | ${r.failed} |`);
const text = `# Runtime load benchmark

Generated by \`npx --yes pnpm@10.34.9 --filter @execgov/runtime bench\` (after \`npx tsc -b\`) on
${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} cores shared with other work (1-minute load
average ${load} at the start), Debian's redis-server on 127.0.0.1.

${JOBS} async \`hash-text\` jobs (sha256 of a short text) submitted over HTTP by ${CLIENTS} concurrent
clients to one API process; the figures run from the first submit to the last \`finished_at\`.
Submit-to-done is the client's clock before the POST to the job's \`finished_at\` (same machine).
Workers are \`dist/worker.js\` processes, as \`pnpm worker\` starts them.

| mode | jobs/s | p50 submit→done (ms) | p99 submit→done (ms) | not SUCCESS |
|---|---|---|---|---|
${rows.join('\n')}

How to read them: in memory, the API process runs the load generator, the HTTP API and every
plugin run; with BullMQ the runs move to worker processes, and each job costs Redis round trips
(bounds check and add in the API; history entries, metrics and byte accounting in the worker). On
2 shared cores a second worker competes with the API, the load generator and redis-server for CPU,
so it adds less than it would on a machine with cores to spare. A warm-up of ${WARMUP} in-memory
jobs runs first and is not counted. The machine is shared with other developers: repeat runs
vary by tens of percent.
`;
writeFileSync(outFile, text);
console.log(text);
