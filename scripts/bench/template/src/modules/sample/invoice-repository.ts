import type { Database } from '../../infra/database';
import { err, ok, type Result } from '../shared/result';
import { invoiceParams, toInvoice } from './invoice-mapper';
import type { SampleError, Invoice, InvoiceQuery } from './types';

export class InvoiceRepository {
  constructor(private readonly db: Database) {}

  save(entity: Invoice): number {
    const statement = this.db.prepare('INSERT INTO invoices (id, name, status, amount, tags) VALUES (?, ?, ?, ?, ?)');
    return statement.run(...invoiceParams(entity)).changes;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM invoices WHERE id = ?').run(id).changes > 0;
  }

  find(id: string): Result<Invoice, SampleError> {
    const row = this.db.prepare('SELECT * FROM invoices WHERE id = ?').get(id);
    return row ? ok(toInvoice(row)) : err<SampleError>({ code: 'not-found', detail: `invoice ${id}` });
  }

  list(query: InvoiceQuery = {}): Invoice[] {
    return this.db
      .prepare('SELECT * FROM invoices')
      .all()
      .map(toInvoice)
      .filter((item) => (query.status === undefined || item.status === query.status) && (query.tag === undefined || item.tags.includes(query.tag)))
      .slice(0, query.limit ?? 100);
  }

  touchAll(ids: readonly string[]): number {
    return this.db.transaction((tx) =>
      ids.reduce((n, id) => n + tx.prepare('UPDATE invoices SET updated_at = ? WHERE id = ?').run(Date.now(), id).changes, 0),
    );
  }
}
