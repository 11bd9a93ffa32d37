import type { Database } from '../../infra/database';
import { err, ok, type Result } from '../shared/result';
import { orderParams, toOrder } from './order-mapper';
import type { CatalogError, Order, OrderQuery } from './types';

export class OrderRepository {
  constructor(private readonly db: Database) {}

  save(entity: Order): number {
    const statement = this.db.prepare('INSERT INTO orders (id, name, status, amount, tags) VALUES (?, ?, ?, ?, ?)');
    return statement.run(...orderParams(entity)).changes;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM orders WHERE id = ?').run(id).changes > 0;
  }

  find(id: string): Result<Order, CatalogError> {
    const row = this.db.prepare('SELECT * FROM orders WHERE id = ?').get(id);
    return row ? ok(toOrder(row)) : err<CatalogError>({ code: 'not-found', detail: `order ${id}` });
  }

  list(query: OrderQuery = {}): Order[] {
    return this.db
      .prepare('SELECT * FROM orders')
      .all()
      .map(toOrder)
      .filter((item) => (query.status === undefined || item.status === query.status) && (query.tag === undefined || item.tags.includes(query.tag)))
      .slice(0, query.limit ?? 100);
  }

  touchAll(ids: readonly string[]): number {
    return this.db.transaction((tx) =>
      ids.reduce((n, id) => n + tx.prepare('UPDATE orders SET updated_at = ? WHERE id = ?').run(Date.now(), id).changes, 0),
    );
  }
}
