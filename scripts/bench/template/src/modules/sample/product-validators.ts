import { err, ok, type Result } from '../shared/result';
import type { SampleError, Product, ProductPatch } from './types';

const MAX_AMOUNT = 461000;
const TAG_PATTERN = /^[a-z0-9-]{1,9}$/;

export function validateProduct(entity: Product): Result<Product, SampleError> {
  if (entity.name.trim().length === 0) return err<SampleError>({ code: 'invalid', detail: 'product name is empty' });
  if (entity.amount < 0 || entity.amount > MAX_AMOUNT) {
    return err<SampleError>({ code: 'invalid', detail: `product amount ${entity.amount} out of range` });
  }
  const badTag = entity.tags.find((tag) => !TAG_PATTERN.test(tag));
  if (badTag !== undefined) return err<SampleError>({ code: 'invalid', detail: `product tag ${badTag}` });
  return ok(entity);
}

export function applyProductPatch(entity: Product, patch: ProductPatch): Product {
  return { ...entity, ...patch, id: entity.id, updatedAt: Date.now() };
}
