export interface ExitStatus {
  readonly code: number;
  readonly output: string;
}

export interface ChildProcessLike {
  readonly pid: number;
  run(command: string, args: readonly string[]): Promise<ExitStatus>;
  kill(): void;
}

export interface Task {
  readonly id: string;
  run(): Promise<void>;
}

export function spawnLike(cwd: string): ChildProcessLike {
  let killed = false;
  return {
    pid: cwd.length,
    async run(command, args) {
      return killed ? { code: 137, output: '' } : { code: 0, output: `${cwd}$ ${command} ${args.join(' ')}` };
    },
    kill() {
      killed = true;
    },
  };
}
