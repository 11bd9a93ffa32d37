import * as net from 'node:net';
import type { ScanOptions } from '../args.js';

/** What a client asks the daemon: one JSON line per connection. */
export type DaemonRequest =
  | {
      type: 'scan';
      /** Parsed and checked by the client (a usage error never reaches the daemon). */
      options: ScanOptions;
      cwd: string;
      env: Record<string, string | undefined>;
      stdoutIsTTY: boolean;
    }
  | { type: 'ping' }
  | { type: 'stop' };

/** The daemon's answer: one JSON line, then it closes the connection. */
export type DaemonReply =
  { type: 'scanned'; exitCode: 0 | 1 | 2; stdout: string; stderr: string } | { type: 'pong'; pid: number } | { type: 'stopping'; pid: number };

/** How asking went: no daemon listening, an answer, or a daemon that stopped answering. */
export type Asked = { kind: 'absent'; stale: boolean } | { kind: 'answer'; reply: DaemonReply } | { kind: 'lost'; reason: string };

/**
 * Sends `request` to the daemon at `socket` and waits for its answer. `absent` when nothing
 * listens there (`stale`: a socket file is left by a daemon that died); `lost` when the
 * connection broke or the answer is not one (the daemon crashed, or another program listens).
 */
export function ask(socket: string, request: DaemonRequest, timeoutMs?: number): Promise<Asked> {
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const chunks: Buffer[] = [];
    const settle = (asked: Asked) => {
      if (settled) return;
      settled = true;
      connection.destroy();
      resolve(asked);
    };
    const connection = net.connect(socket);
    if (timeoutMs !== undefined) connection.setTimeout(timeoutMs, () => settle({ kind: 'lost', reason: `no answer within ${timeoutMs} ms` }));
    connection.on('connect', () => {
      connected = true;
      connection.write(`${JSON.stringify(request)}\n`);
    });
    connection.on('data', (chunk: Buffer) => chunks.push(chunk));
    connection.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) settle({ kind: 'absent', stale: error.code === 'ECONNREFUSED' });
      else settle({ kind: 'lost', reason: error.message });
    });
    connection.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        const reply = JSON.parse(text) as DaemonReply;
        if (typeof reply === 'object' && reply !== null && typeof reply.type === 'string') settle({ kind: 'answer', reply });
        else settle({ kind: 'lost', reason: 'the answer is not a daemon reply' });
      } catch {
        settle({ kind: 'lost', reason: text === '' ? 'it closed the connection without answering' : 'the answer is not JSON' });
      }
    });
  });
}
