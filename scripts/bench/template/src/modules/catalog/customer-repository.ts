import type { Database } from '../../infra/database';
import { err, ok, type Result } from '../shared/result';
import { customerParams, toCustomer } from './customer-mapper';
import type { CatalogError, Customer, CustomerQuery } from './types';

export class CustomerRepository {
  constructor(private readonly db: Database) {}

  save(entity: Customer): number {
    const statement = this.db.prepare('INSERT INTO customers (id, name, status, amount, tags) VALUES (?, ?, ?, ?, ?)');
    return statement.run(...customerParams(entity)).changes;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM customers WHERE id = ?').run(id).changes > 0;
  }

  find(id: string): Result<Customer, CatalogError> {
    const row = this.db.prepare('SELECT * FROM customers WHERE id = ?').get(id);
    return row ? ok(toCustomer(row)) : err<CatalogError>({ code: 'not-found', detail: `customer ${id}` });
  }

  list(query: CustomerQuery = {}): Customer[] {
    return this.db
      .prepare('SELECT * FROM customers')
      .all()
      .map(toCustomer)
      .filter((item) => (query.status === undefined || item.status === query.status) && (query.tag === undefined || item.tags.includes(query.tag)))
      .slice(0, query.limit ?? 100);
  }

  touchAll(ids: readonly string[]): number {
    return this.db.transaction((tx) =>
      ids.reduce((n, id) => n + tx.prepare('UPDATE customers SET updated_at = ? WHERE id = ?').run(Date.now(), id).changes, 0),
    );
  }
}
