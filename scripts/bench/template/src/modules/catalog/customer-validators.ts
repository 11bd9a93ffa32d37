import { err, ok, type Result } from '../shared/result';
import type { CatalogError, Customer, CustomerPatch } from './types';

const MAX_AMOUNT = 496000;
const TAG_PATTERN = /^[a-z0-9-]{1,32}$/;

export function validateCustomer(entity: Customer): Result<Customer, CatalogError> {
  if (entity.name.trim().length === 0) return err<CatalogError>({ code: 'invalid', detail: 'customer name is empty' });
  if (entity.amount < 0 || entity.amount > MAX_AMOUNT) {
    return err<CatalogError>({ code: 'invalid', detail: `customer amount ${entity.amount} out of range` });
  }
  const badTag = entity.tags.find((tag) => !TAG_PATTERN.test(tag));
  if (badTag !== undefined) return err<CatalogError>({ code: 'invalid', detail: `customer tag ${badTag}` });
  return ok(entity);
}

export function applyCustomerPatch(entity: Customer, patch: CustomerPatch): Customer {
  return { ...entity, ...patch, id: entity.id, updatedAt: Date.now() };
}
