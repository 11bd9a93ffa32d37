import { sortBy, sumBy } from '../shared/collections';
import type { Account, Invoice, Product, Shipment } from './types';

export interface AccountSummary {
  readonly count: number;
  readonly total: number;
  readonly average: number;
  readonly top: readonly string[];
}

export function summarizeAccount(items: readonly Account[]): AccountSummary {
  const total = sumBy(items, (item) => item.amount);
  const top = sortBy(items, (item) => -item.amount).slice(0, 3).map((item) => item.name);
  return { count: items.length, total, average: items.length > 0 ? total / items.length : 0, top };
}

export interface InvoiceSummary {
  readonly count: number;
  readonly total: number;
  readonly average: number;
  readonly top: readonly string[];
}

export function summarizeInvoice(items: readonly Invoice[]): InvoiceSummary {
  const total = sumBy(items, (item) => item.amount);
  const top = sortBy(items, (item) => -item.amount).slice(0, 3).map((item) => item.name);
  return { count: items.length, total, average: items.length > 0 ? total / items.length : 0, top };
}

export interface ProductSummary {
  readonly count: number;
  readonly total: number;
  readonly average: number;
  readonly top: readonly string[];
}

export function summarizeProduct(items: readonly Product[]): ProductSummary {
  const total = sumBy(items, (item) => item.amount);
  const top = sortBy(items, (item) => -item.amount).slice(0, 3).map((item) => item.name);
  return { count: items.length, total, average: items.length > 0 ? total / items.length : 0, top };
}

export interface ShipmentSummary {
  readonly count: number;
  readonly total: number;
  readonly average: number;
  readonly top: readonly string[];
}

export function summarizeShipment(items: readonly Shipment[]): ShipmentSummary {
  const total = sumBy(items, (item) => item.amount);
  const top = sortBy(items, (item) => -item.amount).slice(0, 3).map((item) => item.name);
  return { count: items.length, total, average: items.length > 0 ? total / items.length : 0, top };
}

export function normalizeSampleName(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, '-');
}

export function sampleFingerprint<T extends { readonly id: string; readonly updatedAt: number }>(item: T): string {
  return `${item.id}:${item.updatedAt.toString(36)}`;
}
