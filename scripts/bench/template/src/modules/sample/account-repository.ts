import type { Database } from '../../infra/database';
import { err, ok, type Result } from '../shared/result';
import { accountParams, toAccount } from './account-mapper';
import type { SampleError, Account, AccountQuery } from './types';

export class AccountRepository {
  constructor(private readonly db: Database) {}

  save(entity: Account): number {
    const statement = this.db.prepare('INSERT INTO accounts (id, name, status, amount, tags) VALUES (?, ?, ?, ?, ?)');
    return statement.run(...accountParams(entity)).changes;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
  }

  find(id: string): Result<Account, SampleError> {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id);
    return row ? ok(toAccount(row)) : err<SampleError>({ code: 'not-found', detail: `account ${id}` });
  }

  list(query: AccountQuery = {}): Account[] {
    return this.db
      .prepare('SELECT * FROM accounts')
      .all()
      .map(toAccount)
      .filter((item) => (query.status === undefined || item.status === query.status) && (query.tag === undefined || item.tags.includes(query.tag)))
      .slice(0, query.limit ?? 100);
  }

  touchAll(ids: readonly string[]): number {
    return this.db.transaction((tx) =>
      ids.reduce((n, id) => n + tx.prepare('UPDATE accounts SET updated_at = ? WHERE id = ?').run(Date.now(), id).changes, 0),
    );
  }
}
