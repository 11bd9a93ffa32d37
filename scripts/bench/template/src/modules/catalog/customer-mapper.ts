import type { Row } from '../../infra/database';
import type { Customer, CustomerStatus } from './types';

const STATUSES: readonly CustomerStatus[] = ['active', 'suspended', 'archived'];

function text(row: Row, key: string): string {
  const value = row[key];
  return typeof value === 'string' ? value : String(value ?? '');
}

function num(row: Row, key: string): number {
  const value = row[key];
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export function toCustomer(row: Row): Customer {
  const status = STATUSES.find((s) => s === row['status']) ?? 'active';
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    status,
    amount: num(row, 'amount'),
    tags: text(row, 'tags').split(',').filter((tag) => tag.length > 0),
    updatedAt: num(row, 'updated_at'),
    priority: num(row, 'priority'),
    attempts: num(row, 'attempts'),
    region: text(row, 'region'),
    weight: num(row, 'weight'),
  };
}

export function customerParams(entity: Customer): [string, string, string, number, string] {
  return [entity.id, entity.name, entity.status, entity.amount, entity.tags.join(',')];
}
