import { err, ok, type Result } from '../shared/result';
import type { SampleError, Account, AccountPatch } from './types';

const MAX_AMOUNT = 320000;
const TAG_PATTERN = /^[a-z0-9-]{1,17}$/;

export function validateAccount(entity: Account): Result<Account, SampleError> {
  if (entity.name.trim().length === 0) return err<SampleError>({ code: 'invalid', detail: 'account name is empty' });
  if (entity.amount < 0 || entity.amount > MAX_AMOUNT) {
    return err<SampleError>({ code: 'invalid', detail: `account amount ${entity.amount} out of range` });
  }
  const badTag = entity.tags.find((tag) => !TAG_PATTERN.test(tag));
  if (badTag !== undefined) return err<SampleError>({ code: 'invalid', detail: `account tag ${badTag}` });
  return ok(entity);
}

export function applyAccountPatch(entity: Account, patch: AccountPatch): Account {
  return { ...entity, ...patch, id: entity.id, updatedAt: Date.now() };
}
