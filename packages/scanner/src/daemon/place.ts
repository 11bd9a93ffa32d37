import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stampTool } from '../cache/cache-key.js';

/** Where the daemon of this install listens, and its files beside the socket. */
export interface DaemonPlace {
  /** A directory only this user can enter (not used for the socket on Windows, whose pipes have no directory). */
  dir: string;
  /** The Unix socket (or Windows named pipe) it listens on. */
  socket: string;
  /** Held while a daemon starts, so that scans started meanwhile do not start a second one. */
  lock: string;
  /** The daemon's stdout and stderr: what it says when it fails to start or stops on an error. */
  log: string;
}

function user(): string {
  return typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username.replace(/[^\w.-]/g, '_');
}

/**
 * One daemon per user, build of this tool and Node binary: a daemon runs the code of the build
 * that started it, so a rebuilt or upgraded scanner, or another Node, gets a daemon of its own
 * (the old one stops when idle). It serves every project of that user: each request carries its
 * working directory, options and environment.
 */
export function daemonPlace(env: Readonly<Record<string, string | undefined>>): DaemonPlace {
  const hash = createHash('sha1').update(`${process.execPath}\0${process.version}\0${process.execArgv.join(' ')}\0`);
  stampTool(hash);
  const name = hash.digest('hex').slice(0, 16);
  // EXECGOV_DAEMON_DIR: another place for it (a test's, or where the temporary directory is shared).
  const dir = env.EXECGOV_DAEMON_DIR ? path.resolve(env.EXECGOV_DAEMON_DIR) : path.join(os.tmpdir(), `execgov-${user()}`);
  return {
    dir,
    socket: process.platform === 'win32' ? `\\\\.\\pipe\\execgov-${user()}-${name}` : path.join(dir, `${name}.sock`),
    lock: path.join(dir, `${name}.starting`),
    log: path.join(dir, `${name}.log`),
  };
}

/**
 * Makes `dir` and checks that it is this user's alone: a directory (not a link), owned by this
 * user, no access for group or others. Anyone who could enter it could talk to the daemon, which
 * reads and writes files as this user. Returns why not when it is not.
 */
export function ensurePrivateDir(dir: string): string | undefined {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform === 'win32') return undefined;
    const stat = fs.lstatSync(dir);
    if (!stat.isDirectory()) return `${dir} is not a directory`;
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return `${dir} belongs to another user`;
    if ((stat.mode & 0o077) !== 0) return `${dir} is open to other users (mode ${(stat.mode & 0o777).toString(8)})`;
    return undefined;
  } catch (error) {
    return `${dir} cannot be made (${error instanceof Error ? error.message : String(error)})`;
  }
}
