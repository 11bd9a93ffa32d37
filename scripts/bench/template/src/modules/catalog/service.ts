import { groupBy, sumBy } from '../shared/collections';
import { EventBus } from '../shared/events';
import { mapResult, type Result } from '../shared/result';
import type { Account } from '../sample/types';
import { summarizeAccount } from '../sample/utils';
import type { CatalogError, CatalogEvents, Order, OrderPatch, Customer, CustomerPatch } from './types';
import type { OrderRepository } from './order-repository';
import { applyOrderPatch, validateOrder } from './order-validators';
import type { CustomerRepository } from './customer-repository';
import { applyCustomerPatch, validateCustomer } from './customer-validators';
import { summarizeOrder } from './utils';

export class CatalogService {
  readonly events = new EventBus<CatalogEvents>();

  constructor(
    private readonly orderRepository: OrderRepository,
    private readonly customerRepository: CustomerRepository,
  ) {}

  createOrder(entity: Order): Result<Order, CatalogError> {
    const checked = validateOrder(entity);
    if (checked.ok) {
      this.orderRepository.save(checked.value);
      this.events.emit('order.created', checked.value);
    }
    return checked;
  }

  updateOrder(id: string, patch: OrderPatch): Result<Order, CatalogError> {
    return mapResult(this.orderRepository.find(id), (current) => {
      const next = applyOrderPatch(current, patch);
      this.orderRepository.save(next);
      this.events.emit('order.updated', { id, patch });
      return next;
    });
  }

  createCustomer(entity: Customer): Result<Customer, CatalogError> {
    const checked = validateCustomer(entity);
    if (checked.ok) {
      this.customerRepository.save(checked.value);
      this.events.emit('customer.created', checked.value);
    }
    return checked;
  }

  updateCustomer(id: string, patch: CustomerPatch): Result<Customer, CatalogError> {
    return mapResult(this.customerRepository.find(id), (current) => {
      const next = applyCustomerPatch(current, patch);
      this.customerRepository.save(next);
      this.events.emit('customer.updated', { id, patch });
      return next;
    });
  }

  totals(): Record<string, number> {
    const groups = groupBy(this.orderRepository.list(), (item) => item.status);
    return Object.fromEntries([...groups].map(([status, items]) => [status, sumBy(items, (item) => item.amount)]));
  }

  report(): string {
    const summary = summarizeOrder(this.orderRepository.list());
    return `${summary.count} order records, total ${summary.total}`;
  }

  compare(others: readonly Account[]): number {
    return summarizeOrder(this.orderRepository.list()).total - summarizeAccount(others).total;
  }
}
