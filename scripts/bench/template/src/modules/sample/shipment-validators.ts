import { err, ok, type Result } from '../shared/result';
import type { SampleError, Shipment, ShipmentPatch } from './types';

const MAX_AMOUNT = 210000;
const TAG_PATTERN = /^[a-z0-9-]{1,19}$/;

export function validateShipment(entity: Shipment): Result<Shipment, SampleError> {
  if (entity.name.trim().length === 0) return err<SampleError>({ code: 'invalid', detail: 'shipment name is empty' });
  if (entity.amount < 0 || entity.amount > MAX_AMOUNT) {
    return err<SampleError>({ code: 'invalid', detail: `shipment amount ${entity.amount} out of range` });
  }
  const badTag = entity.tags.find((tag) => !TAG_PATTERN.test(tag));
  if (badTag !== undefined) return err<SampleError>({ code: 'invalid', detail: `shipment tag ${badTag}` });
  return ok(entity);
}

export function applyShipmentPatch(entity: Shipment, patch: ShipmentPatch): Shipment {
  return { ...entity, ...patch, id: entity.id, updatedAt: Date.now() };
}
