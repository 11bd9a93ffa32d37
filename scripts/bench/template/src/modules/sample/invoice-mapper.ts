import type { Row } from '../../infra/database';
import type { Invoice, InvoiceStatus } from './types';

const STATUSES: readonly InvoiceStatus[] = ['active', 'suspended', 'archived'];

function text(row: Row, key: string): string {
  const value = row[key];
  return typeof value === 'string' ? value : String(value ?? '');
}

function num(row: Row, key: string): number {
  const value = row[key];
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export function toInvoice(row: Row): Invoice {
  const status = STATUSES.find((s) => s === row['status']) ?? 'active';
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    status,
    amount: num(row, 'amount'),
    tags: text(row, 'tags').split(',').filter((tag) => tag.length > 0),
    updatedAt: num(row, 'updated_at'),
    currency: text(row, 'currency'),
    attempts: num(row, 'attempts'),
  };
}

export function invoiceParams(entity: Invoice): [string, string, string, number, string] {
  return [entity.id, entity.name, entity.status, entity.amount, entity.tags.join(',')];
}
