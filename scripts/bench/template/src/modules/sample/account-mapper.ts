import type { Row } from '../../infra/database';
import type { Account, AccountStatus } from './types';

const STATUSES: readonly AccountStatus[] = ['active', 'suspended', 'archived'];

function text(row: Row, key: string): string {
  const value = row[key];
  return typeof value === 'string' ? value : String(value ?? '');
}

function num(row: Row, key: string): number {
  const value = row[key];
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export function toAccount(row: Row): Account {
  const status = STATUSES.find((s) => s === row['status']) ?? 'active';
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    status,
    amount: num(row, 'amount'),
    tags: text(row, 'tags').split(',').filter((tag) => tag.length > 0),
    updatedAt: num(row, 'updated_at'),
    weight: num(row, 'weight'),
    ownerId: text(row, 'owner_id'),
  };
}

export function accountParams(entity: Account): [string, string, string, number, string] {
  return [entity.id, entity.name, entity.status, entity.amount, entity.tags.join(',')];
}
