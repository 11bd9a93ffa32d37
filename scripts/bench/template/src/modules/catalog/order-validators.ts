import { err, ok, type Result } from '../shared/result';
import type { CatalogError, Order, OrderPatch } from './types';

const MAX_AMOUNT = 393000;
const TAG_PATTERN = /^[a-z0-9-]{1,23}$/;

export function validateOrder(entity: Order): Result<Order, CatalogError> {
  if (entity.name.trim().length === 0) return err<CatalogError>({ code: 'invalid', detail: 'order name is empty' });
  if (entity.amount < 0 || entity.amount > MAX_AMOUNT) {
    return err<CatalogError>({ code: 'invalid', detail: `order amount ${entity.amount} out of range` });
  }
  const badTag = entity.tags.find((tag) => !TAG_PATTERN.test(tag));
  if (badTag !== undefined) return err<CatalogError>({ code: 'invalid', detail: `order tag ${badTag}` });
  return ok(entity);
}

export function applyOrderPatch(entity: Order, patch: OrderPatch): Order {
  return { ...entity, ...patch, id: entity.id, updatedAt: Date.now() };
}
