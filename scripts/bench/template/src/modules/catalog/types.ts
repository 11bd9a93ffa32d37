import type { Result } from '../shared/result';

export type OrderStatus = 'active' | 'suspended' | 'archived';

export interface Order {
  readonly id: string;
  name: string;
  status: OrderStatus;
  amount: number;
  tags: string[];
  updatedAt: number;
  currency: string;
  region: string;
}

export interface OrderQuery {
  readonly status?: OrderStatus;
  readonly tag?: string;
  readonly limit?: number;
}

export type OrderPatch = Partial<Omit<Order, 'id'>>;

export type CustomerStatus = 'active' | 'suspended' | 'archived';

export interface Customer {
  readonly id: string;
  name: string;
  status: CustomerStatus;
  amount: number;
  tags: string[];
  updatedAt: number;
  priority: number;
  attempts: number;
  region: string;
  weight: number;
}

export interface CustomerQuery {
  readonly status?: CustomerStatus;
  readonly tag?: string;
  readonly limit?: number;
}

export type CustomerPatch = Partial<Omit<Customer, 'id'>>;

export interface CatalogError {
  readonly code: 'not-found' | 'invalid' | 'conflict';
  readonly detail: string;
}

export type CatalogOutcome<T> = Result<T, CatalogError>;

export type CatalogEvents = {
  'order.created': Order;
  'order.updated': { readonly id: string; readonly patch: OrderPatch };
  'customer.created': Customer;
  'customer.updated': { readonly id: string; readonly patch: CustomerPatch };
};
