import { sortBy, sumBy } from '../shared/collections';
import type { Order, Customer } from './types';

export interface OrderSummary {
  readonly count: number;
  readonly total: number;
  readonly average: number;
  readonly top: readonly string[];
}

export function summarizeOrder(items: readonly Order[]): OrderSummary {
  const total = sumBy(items, (item) => item.amount);
  const top = sortBy(items, (item) => -item.amount).slice(0, 3).map((item) => item.name);
  return { count: items.length, total, average: items.length > 0 ? total / items.length : 0, top };
}

export interface CustomerSummary {
  readonly count: number;
  readonly total: number;
  readonly average: number;
  readonly top: readonly string[];
}

export function summarizeCustomer(items: readonly Customer[]): CustomerSummary {
  const total = sumBy(items, (item) => item.amount);
  const top = sortBy(items, (item) => -item.amount).slice(0, 3).map((item) => item.name);
  return { count: items.length, total, average: items.length > 0 ? total / items.length : 0, top };
}

export function normalizeCatalogName(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, '-');
}

export function catalogFingerprint<T extends { readonly id: string; readonly updatedAt: number }>(item: T): string {
  return `${item.id}:${item.updatedAt.toString(36)}`;
}
