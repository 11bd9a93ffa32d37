import type { Result } from '../shared/result';

export type AccountStatus = 'active' | 'suspended' | 'archived';

export interface Account {
  readonly id: string;
  name: string;
  status: AccountStatus;
  amount: number;
  tags: string[];
  updatedAt: number;
  weight: number;
  ownerId: string;
}

export interface AccountQuery {
  readonly status?: AccountStatus;
  readonly tag?: string;
  readonly limit?: number;
}

export type AccountPatch = Partial<Omit<Account, 'id'>>;

export type InvoiceStatus = 'active' | 'suspended' | 'archived';

export interface Invoice {
  readonly id: string;
  name: string;
  status: InvoiceStatus;
  amount: number;
  tags: string[];
  updatedAt: number;
  currency: string;
  attempts: number;
}

export interface InvoiceQuery {
  readonly status?: InvoiceStatus;
  readonly tag?: string;
  readonly limit?: number;
}

export type InvoicePatch = Partial<Omit<Invoice, 'id'>>;

export type ProductStatus = 'active' | 'suspended' | 'archived';

export interface Product {
  readonly id: string;
  name: string;
  status: ProductStatus;
  amount: number;
  tags: string[];
  updatedAt: number;
  region: string;
  ownerId: string;
  currency: string;
  createdAt: number;
}

export interface ProductQuery {
  readonly status?: ProductStatus;
  readonly tag?: string;
  readonly limit?: number;
}

export type ProductPatch = Partial<Omit<Product, 'id'>>;

export type ShipmentStatus = 'active' | 'suspended' | 'archived';

export interface Shipment {
  readonly id: string;
  name: string;
  status: ShipmentStatus;
  amount: number;
  tags: string[];
  updatedAt: number;
  ownerId: string;
}

export interface ShipmentQuery {
  readonly status?: ShipmentStatus;
  readonly tag?: string;
  readonly limit?: number;
}

export type ShipmentPatch = Partial<Omit<Shipment, 'id'>>;

export interface SampleError {
  readonly code: 'not-found' | 'invalid' | 'conflict';
  readonly detail: string;
}

export type SampleOutcome<T> = Result<T, SampleError>;

export type SampleEvents = {
  'account.created': Account;
  'account.updated': { readonly id: string; readonly patch: AccountPatch };
  'invoice.created': Invoice;
  'invoice.updated': { readonly id: string; readonly patch: InvoicePatch };
  'product.created': Product;
  'product.updated': { readonly id: string; readonly patch: ProductPatch };
  'shipment.created': Shipment;
  'shipment.updated': { readonly id: string; readonly patch: ShipmentPatch };
};
