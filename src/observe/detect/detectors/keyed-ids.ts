/**
 * Identifiers known only by their key (a device id, a user or account id): app-generated values
 * have no checkable shape, so the key carries the evidence and the confidence stays moderate.
 */
import type { Detector, Field } from '../detector.js';
import { hintedTypes } from '../hints.js';
import { emptyish, hit, type Hit } from './hit.js';

const TOKEN = /^[A-Za-z0-9_.:=+/@-]{4,128}$/;
const PLACEHOLDER = /^(anonymous|guest|unknown|default|test|none|null|0+|1|-1)$/i;

function detect(field: Field): Hit[] {
  const value = field.value.trim();
  if (!TOKEN.test(value) || emptyish(value) || PLACEHOLDER.test(value) || /^(.)\1+$/.test(value.replace(/-/g, ''))) return [];
  const hints = hintedTypes(field);
  const out: Hit[] = [];
  if (hints.has('device_id') && value.length >= 6) out.push(hit('device_id', field, value, 0.6));
  if (hints.has('account_id')) out.push(hit('account_id', field, value, 0.6));
  return out;
}

export const keyedIds: Detector = { id: 'keyed-ids', dataTypes: ['device_id', 'account_id'], detect };
