export * from './types';
export * from './utils';
export { CatalogService } from './service';
export { CatalogMaintenance } from './tasks';
export { OrderRepository } from './order-repository';
export { applyOrderPatch, validateOrder } from './order-validators';
export { CustomerRepository } from './customer-repository';
export { applyCustomerPatch, validateCustomer } from './customer-validators';
