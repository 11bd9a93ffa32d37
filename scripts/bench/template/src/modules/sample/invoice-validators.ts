import { err, ok, type Result } from '../shared/result';
import type { SampleError, Invoice, InvoicePatch } from './types';

const MAX_AMOUNT = 124000;
const TAG_PATTERN = /^[a-z0-9-]{1,26}$/;

export function validateInvoice(entity: Invoice): Result<Invoice, SampleError> {
  if (entity.name.trim().length === 0) return err<SampleError>({ code: 'invalid', detail: 'invoice name is empty' });
  if (entity.amount < 0 || entity.amount > MAX_AMOUNT) {
    return err<SampleError>({ code: 'invalid', detail: `invoice amount ${entity.amount} out of range` });
  }
  const badTag = entity.tags.find((tag) => !TAG_PATTERN.test(tag));
  if (badTag !== undefined) return err<SampleError>({ code: 'invalid', detail: `invoice tag ${badTag}` });
  return ok(entity);
}

export function applyInvoicePatch(entity: Invoice, patch: InvoicePatch): Invoice {
  return { ...entity, ...patch, id: entity.id, updatedAt: Date.now() };
}
