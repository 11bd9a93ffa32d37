import type { Database } from '../../infra/database';
import { err, ok, type Result } from '../shared/result';
import { shipmentParams, toShipment } from './shipment-mapper';
import type { SampleError, Shipment, ShipmentQuery } from './types';

export class ShipmentRepository {
  constructor(private readonly db: Database) {}

  save(entity: Shipment): number {
    const statement = this.db.prepare('INSERT INTO shipments (id, name, status, amount, tags) VALUES (?, ?, ?, ?, ?)');
    return statement.run(...shipmentParams(entity)).changes;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM shipments WHERE id = ?').run(id).changes > 0;
  }

  find(id: string): Result<Shipment, SampleError> {
    const row = this.db.prepare('SELECT * FROM shipments WHERE id = ?').get(id);
    return row ? ok(toShipment(row)) : err<SampleError>({ code: 'not-found', detail: `shipment ${id}` });
  }

  list(query: ShipmentQuery = {}): Shipment[] {
    return this.db
      .prepare('SELECT * FROM shipments')
      .all()
      .map(toShipment)
      .filter((item) => (query.status === undefined || item.status === query.status) && (query.tag === undefined || item.tags.includes(query.tag)))
      .slice(0, query.limit ?? 100);
  }

  touchAll(ids: readonly string[]): number {
    return this.db.transaction((tx) =>
      ids.reduce((n, id) => n + tx.prepare('UPDATE shipments SET updated_at = ? WHERE id = ?').run(Date.now(), id).changes, 0),
    );
  }
}
