import type { Row } from '../../infra/database';
import type { Order, OrderStatus } from './types';

const STATUSES: readonly OrderStatus[] = ['active', 'suspended', 'archived'];

function text(row: Row, key: string): string {
  const value = row[key];
  return typeof value === 'string' ? value : String(value ?? '');
}

function num(row: Row, key: string): number {
  const value = row[key];
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export function toOrder(row: Row): Order {
  const status = STATUSES.find((s) => s === row['status']) ?? 'active';
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    status,
    amount: num(row, 'amount'),
    tags: text(row, 'tags').split(',').filter((tag) => tag.length > 0),
    updatedAt: num(row, 'updated_at'),
    currency: text(row, 'currency'),
    region: text(row, 'region'),
  };
}

export function orderParams(entity: Order): [string, string, string, number, string] {
  return [entity.id, entity.name, entity.status, entity.amount, entity.tags.join(',')];
}
