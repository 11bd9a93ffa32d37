import type { Database } from '../../infra/database';
import { err, ok, type Result } from '../shared/result';
import { productParams, toProduct } from './product-mapper';
import type { SampleError, Product, ProductQuery } from './types';

export class ProductRepository {
  constructor(private readonly db: Database) {}

  save(entity: Product): number {
    const statement = this.db.prepare('INSERT INTO products (id, name, status, amount, tags) VALUES (?, ?, ?, ?, ?)');
    return statement.run(...productParams(entity)).changes;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM products WHERE id = ?').run(id).changes > 0;
  }

  find(id: string): Result<Product, SampleError> {
    const row = this.db.prepare('SELECT * FROM products WHERE id = ?').get(id);
    return row ? ok(toProduct(row)) : err<SampleError>({ code: 'not-found', detail: `product ${id}` });
  }

  list(query: ProductQuery = {}): Product[] {
    return this.db
      .prepare('SELECT * FROM products')
      .all()
      .map(toProduct)
      .filter((item) => (query.status === undefined || item.status === query.status) && (query.tag === undefined || item.tags.includes(query.tag)))
      .slice(0, query.limit ?? 100);
  }

  touchAll(ids: readonly string[]): number {
    return this.db.transaction((tx) =>
      ids.reduce((n, id) => n + tx.prepare('UPDATE products SET updated_at = ? WHERE id = ?').run(Date.now(), id).changes, 0),
    );
  }
}
