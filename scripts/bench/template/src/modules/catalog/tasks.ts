import type { Database } from '../../infra/database';
import type { ChildProcessLike, Task } from '../../infra/process';
import type { TestRunner } from '../../infra/test-runner';

class CatalogMigration implements Task {
  readonly id = 'catalog-migration-1';

  constructor(private readonly db: Database) {}

  async run(): Promise<void> {
    this.db.prepare('CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY)').run();
  }
}

export class CatalogMaintenance {
  constructor(
    private readonly db: Database,
    private readonly tests: TestRunner,
    private readonly shell: ChildProcessLike,
  ) {}

  async migrate(): Promise<number> {
    const pending: Task[] = [new CatalogMigration(this.db)];
    for (const task of pending) await task.run();
    return pending.length;
  }

  async verify(): Promise<boolean> {
    const report = await this.tests.run('catalog');
    return report.failed === 0;
  }

  async backup(): Promise<string> {
    const status = await this.shell.run('pg_dump', ['--table', 'orders']);
    return status.code === 0 ? status.output : '';
  }
}
