import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stampTool } from '../cache/cache-key.js';

/** Where the daemon of this install listens, and its files beside the socket. */
export interface DaemonPlace {
  /** A directory only this user can enter. */
  dir: string;
  /** The Unix socket clients connect to: a link to the one the daemon listens on (`<name>.<pid>.sock`). */
  socket: string;
  /** Held while a daemon starts, with its pid, so that scans started meanwhile do not start a second one. */
  lock: string;
  /** The pid of the daemon that listens on `socket`. */
  pidFile: string;
  /** The daemon's stdout and stderr: what it says when it fails to start or stops on an error (removed when it stops cleanly). */
  log: string;
}

/** The longest path a Unix socket can be bound to, in bytes (sun_path: 108 on Linux, 104 elsewhere, less the terminator). */
const MAX_SOCKET_PATH = process.platform === 'linux' ? 107 : 103;

type Env = Readonly<Record<string, string | undefined>>;

/** The directory of every daemon of this user: EXECGOV_DAEMON_DIR, else one in the temporary directory. */
export function daemonDir(env: Env): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username.replace(/[^\w.-]/g, '_');
  return env.EXECGOV_DAEMON_DIR ? path.resolve(env.EXECGOV_DAEMON_DIR) : path.join(os.tmpdir(), `execgov-${user}`);
}

/** The socket a daemon with `pid` listens on, which `socket` links to. */
export function listeningSocket(socket: string, pid: number): string {
  return socket.replace(/\.sock$/, `.${pid}.sock`);
}

/** The files of the daemon named `name` (a socket's base name without `.sock`) in `dir`. */
export function placeOf(dir: string, name: string): DaemonPlace {
  const file = (suffix: string) => path.join(dir, `${name}${suffix}`);
  return { dir, socket: file('.sock'), lock: file('.starting'), pidFile: file('.pid'), log: file('.log') };
}

/**
 * One daemon per user, build of this tool, Node binary and Node options: a daemon runs the code
 * of the build that started it, so a rebuilt or upgraded scanner, or another Node, gets a daemon
 * of its own (the old one stops when idle, or on `--stop-daemon`). It serves every project of
 * that user: each request carries its working directory, options and environment.
 */
export function daemonPlace(env: Env): DaemonPlace {
  const hash = createHash('sha1').update(`${process.execPath}\0${process.version}\0${process.execArgv.join(' ')}\0${env.NODE_OPTIONS ?? ''}\0`);
  stampTool(hash);
  return placeOf(daemonDir(env), hash.digest('hex').slice(0, 16));
}

/**
 * Why the daemon cannot be used here, or undefined when it can. Makes the directory, and checks it
 * is this user's alone: a directory (not a link), owned by this user, no access for group or
 * others. Anyone who could enter it could talk to the daemon, which reads and writes files as this
 * user. Windows has no such directory for a named pipe, so the daemon is not offered there.
 */
export function unusable(place: DaemonPlace): string | undefined {
  if (process.platform === 'win32') return '--daemon is not available on Windows';
  if (Buffer.byteLength(place.socket) > MAX_SOCKET_PATH) {
    return `its socket path ${place.socket} is longer than the ${MAX_SOCKET_PATH} bytes a Unix socket can have; set EXECGOV_DAEMON_DIR to a shorter directory`;
  }
  try {
    fs.mkdirSync(place.dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(place.dir);
    if (!stat.isDirectory()) return `${place.dir} is not a directory`;
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return `${place.dir} belongs to another user`;
    if ((stat.mode & 0o077) !== 0) return `${place.dir} is open to other users (mode ${(stat.mode & 0o777).toString(8)})`;
    return undefined;
  } catch (error) {
    return `${place.dir} cannot be made (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** A process's start time (Linux: clock ticks since boot, field 22 of /proc/<pid>/stat), or undefined where there is no /proc. */
function startTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * What a daemon's pid file or start lock holds: its pid and, where the system tells, its start
 * time. A pid is reused by another process sooner or later (in a container, soon); the pair is not.
 */
export function processIdentity(pid: number): string {
  const started = startTime(pid);
  return started === undefined ? `${pid}\n` : `${pid} ${started}\n`;
}

/** What a pid file or start lock holds: a pid, and its start time where the system tells; undefined when empty or unreadable. */
export function readPidFile(file: string): { pid: number; started: string | undefined } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const [first, started] = text.trim().split(' ');
  const pid = Number(first);
  return Number.isInteger(pid) && pid > 0 ? { pid, started } : undefined;
}

/**
 * The pid a daemon's pid file or start lock names, when that very process still runs: a signal 0
 * reaches it, it is not a zombie, and its start time is the one recorded with it.
 */
export function livePid(file: string): number | undefined {
  const recorded = readPidFile(file);
  if (recorded === undefined) return undefined;
  const { pid, started } = recorded;
  try {
    process.kill(pid, 0);
  } catch {
    // ESRCH: gone. EPERM: alive, but another user's (a reused pid): not ours.
    return undefined;
  }
  if (isZombie(pid)) return undefined;
  return started === undefined || started === startTime(pid) ? pid : undefined;
}

/**
 * True for a process that has ended but was not reaped yet (Linux: state Z). A daemon's parent
 * exits right after starting it, so a daemon that dies waits for init to reap it; in a container
 * whose init does not, it stays a zombie, which signal 0 still reaches.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false; // no /proc (macOS): signal 0 is the answer
  }
}
