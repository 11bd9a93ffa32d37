import { groupBy, sumBy } from '../shared/collections';
import { EventBus } from '../shared/events';
import { mapResult, type Result } from '../shared/result';
import type { Order } from '../catalog/types';
import { summarizeOrder } from '../catalog/utils';
import type { SampleError, SampleEvents, Account, AccountPatch, Invoice, InvoicePatch, Product, ProductPatch, Shipment, ShipmentPatch } from './types';
import type { AccountRepository } from './account-repository';
import { applyAccountPatch, validateAccount } from './account-validators';
import type { InvoiceRepository } from './invoice-repository';
import { applyInvoicePatch, validateInvoice } from './invoice-validators';
import type { ProductRepository } from './product-repository';
import { applyProductPatch, validateProduct } from './product-validators';
import type { ShipmentRepository } from './shipment-repository';
import { applyShipmentPatch, validateShipment } from './shipment-validators';
import { summarizeAccount } from './utils';

export class SampleService {
  readonly events = new EventBus<SampleEvents>();

  constructor(
    private readonly accountRepository: AccountRepository,
    private readonly invoiceRepository: InvoiceRepository,
    private readonly productRepository: ProductRepository,
    private readonly shipmentRepository: ShipmentRepository,
  ) {}

  createAccount(entity: Account): Result<Account, SampleError> {
    const checked = validateAccount(entity);
    if (checked.ok) {
      this.accountRepository.save(checked.value);
      this.events.emit('account.created', checked.value);
    }
    return checked;
  }

  updateAccount(id: string, patch: AccountPatch): Result<Account, SampleError> {
    return mapResult(this.accountRepository.find(id), (current) => {
      const next = applyAccountPatch(current, patch);
      this.accountRepository.save(next);
      this.events.emit('account.updated', { id, patch });
      return next;
    });
  }

  createInvoice(entity: Invoice): Result<Invoice, SampleError> {
    const checked = validateInvoice(entity);
    if (checked.ok) {
      this.invoiceRepository.save(checked.value);
      this.events.emit('invoice.created', checked.value);
    }
    return checked;
  }

  updateInvoice(id: string, patch: InvoicePatch): Result<Invoice, SampleError> {
    return mapResult(this.invoiceRepository.find(id), (current) => {
      const next = applyInvoicePatch(current, patch);
      this.invoiceRepository.save(next);
      this.events.emit('invoice.updated', { id, patch });
      return next;
    });
  }

  createProduct(entity: Product): Result<Product, SampleError> {
    const checked = validateProduct(entity);
    if (checked.ok) {
      this.productRepository.save(checked.value);
      this.events.emit('product.created', checked.value);
    }
    return checked;
  }

  updateProduct(id: string, patch: ProductPatch): Result<Product, SampleError> {
    return mapResult(this.productRepository.find(id), (current) => {
      const next = applyProductPatch(current, patch);
      this.productRepository.save(next);
      this.events.emit('product.updated', { id, patch });
      return next;
    });
  }

  createShipment(entity: Shipment): Result<Shipment, SampleError> {
    const checked = validateShipment(entity);
    if (checked.ok) {
      this.shipmentRepository.save(checked.value);
      this.events.emit('shipment.created', checked.value);
    }
    return checked;
  }

  updateShipment(id: string, patch: ShipmentPatch): Result<Shipment, SampleError> {
    return mapResult(this.shipmentRepository.find(id), (current) => {
      const next = applyShipmentPatch(current, patch);
      this.shipmentRepository.save(next);
      this.events.emit('shipment.updated', { id, patch });
      return next;
    });
  }

  totals(): Record<string, number> {
    const groups = groupBy(this.accountRepository.list(), (item) => item.status);
    return Object.fromEntries([...groups].map(([status, items]) => [status, sumBy(items, (item) => item.amount)]));
  }

  report(): string {
    const summary = summarizeAccount(this.accountRepository.list());
    return `${summary.count} account records, total ${summary.total}`;
  }

  compare(others: readonly Order[]): number {
    return summarizeAccount(this.accountRepository.list()).total - summarizeOrder(others).total;
  }
}
