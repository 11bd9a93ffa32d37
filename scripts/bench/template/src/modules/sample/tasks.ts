import type { Database } from '../../infra/database';
import type { ChildProcessLike, Task } from '../../infra/process';
import type { TestRunner } from '../../infra/test-runner';
import type { PluginContext } from '../../plugins/plugin';
import { sampleDetectorPlugin } from '../../plugins/builtin/sample-detector';

class SampleMigration implements Task {
  readonly id = 'sample-migration-92';

  constructor(private readonly db: Database) {}

  async run(): Promise<void> {
    this.db.prepare('CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY)').run();
  }
}

export class SampleMaintenance {
  constructor(
    private readonly db: Database,
    private readonly tests: TestRunner,
    private readonly shell: ChildProcessLike,
  ) {}

  async migrate(): Promise<number> {
    const pending: Task[] = [new SampleMigration(this.db)];
    for (const task of pending) await task.run();
    return pending.length;
  }

  async verify(): Promise<boolean> {
    const report = await this.tests.run('sample');
    return report.failed === 0;
  }

  async backup(): Promise<string> {
    const status = await this.shell.run('pg_dump', ['--table', 'accounts']);
    return status.code === 0 ? status.output : '';
  }

  /** A cache warm-up that skips the ToolRunner: every clone of the module carries this violation. */
  async warmUp(context: PluginContext): Promise<boolean> {
    const output = await sampleDetectorPlugin.run({ warmUp: true }, context); // expect: no-direct-plugin-run
    return output.ok;
  }
}
