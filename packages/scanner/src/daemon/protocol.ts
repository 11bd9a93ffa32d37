import * as net from 'node:net';
import type { ScanOptions } from '../args.js';
import type { ExitCode } from '../run.js';

/** What a daemon is started with (in its environment, as JSON): where to listen and what to load first. */
export interface DaemonSpec {
  socket: string;
  lock: string;
  pidFile: string;
  log: string;
  /** The scan that started it, run once in the daemon to parse and bind its projects before it listens. */
  warmup?: { options: ScanOptions; cwd: string } | undefined;
}

/** What a client asks the daemon: one JSON line per connection. */
export type DaemonRequest =
  | {
      type: 'scan';
      /** Parsed and checked by the client (a usage error never reaches the daemon). */
      options: ScanOptions;
      cwd: string;
      env: Record<string, string | undefined>;
      stdoutIsTTY: boolean;
      /** The client's file mode creation mask: files the scan writes get the modes they would get from the client. */
      umask: number;
    }
  | { type: 'ping' }
  | { type: 'stop' }
  /** After `accepted`: the client still waits, so the scan may run (a client that gave up never sends it). */
  | { type: 'go' };

/** A scan's output, in the order it was written to either stream (so `2>&1` reads as from a process of its own). */
export type Output = Array<['stdout' | 'stderr', string]>;

/**
 * The daemon's answers: JSON lines, then it closes the connection. A scan gets `accepted` at once;
 * the scan runs when the client answers `go`, and `scanned` follows.
 */
export type DaemonReply =
  { type: 'accepted' } | { type: 'scanned'; exitCode: ExitCode; output: Output } | { type: 'pong'; pid: number } | { type: 'stopping'; pid: number };

/** How asking went: no daemon listening, an answer, or a daemon that stopped answering. */
export type Asked = { kind: 'absent'; refused: boolean } | { kind: 'answer'; reply: DaemonReply } | { kind: 'lost'; reason: string };

/** Checks a request line: the daemon acts on nothing else. */
export function isDaemonRequest(value: unknown): value is DaemonRequest {
  if (typeof value !== 'object' || value === null) return false;
  const request = value as Partial<Record<string, unknown>>;
  if (request.type === 'ping' || request.type === 'stop' || request.type === 'go') return true;
  return (
    request.type === 'scan' &&
    typeof request.options === 'object' &&
    request.options !== null &&
    typeof request.cwd === 'string' &&
    typeof request.env === 'object' &&
    request.env !== null &&
    typeof request.stdoutIsTTY === 'boolean' &&
    typeof request.umask === 'number'
  );
}

/**
 * Sends `request` to the daemon at `socket` and resolves with its last answer. `absent` when
 * nothing listens there (`refused`: a socket file is there but nobody accepts); `lost` when the
 * connection broke, the answer is not one, or (with `firstAnswerMs`) no first answer came in time:
 * the daemon crashed, hangs, is busy with a long scan, or another program listens.
 */
export function ask(socket: string, request: DaemonRequest, firstAnswerMs: number): Promise<Asked> {
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    let buffered = '';
    let last: DaemonReply | undefined;
    const settle = (asked: Asked) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      connection.destroy();
      resolve(asked);
    };
    const connection = net.connect(socket);
    const timer = setTimeout(() => settle({ kind: 'lost', reason: `no answer within ${firstAnswerMs / 1000} s` }), firstAnswerMs);
    connection.setEncoding('utf8');
    connection.on('connect', () => {
      connected = true;
      connection.write(`${JSON.stringify(request)}\n`);
    });
    connection.on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\n'); end !== -1; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        try {
          last = JSON.parse(line) as DaemonReply;
        } catch {
          settle({ kind: 'lost', reason: 'its answer is not JSON' });
          return;
        }
        if (last.type === 'accepted') {
          // The daemon has the request and waits for this: the scan itself may take as long as it takes.
          clearTimeout(timer);
          connection.write(`${JSON.stringify({ type: 'go' } satisfies DaemonRequest)}\n`);
        }
      }
    });
    connection.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) settle({ kind: 'absent', refused: error.code === 'ECONNREFUSED' });
      else settle({ kind: 'lost', reason: error.message });
    });
    connection.on('close', () => {
      if (last !== undefined && last.type !== 'accepted') settle({ kind: 'answer', reply: last });
      else settle({ kind: 'lost', reason: last === undefined ? 'it closed the connection without answering' : 'it stopped before the scan ended' });
    });
  });
}
