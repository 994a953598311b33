/** Payment card numbers: issuer prefix with its length, and Luhn. */
import type { Detector, Field } from '../detector.js';
import { hinted } from '../hints.js';
import { bankCardValid } from '../checks.js';
import { hit, type Hit } from './hit.js';

const GROUPED = /^\d{4}([ -])\d{4}\1\d{4}\1\d{4}(\1\d{1,3})?$/;

function detect(field: Field): Hit[] {
  const value = field.value.trim();
  if (value.length < 13 || value.length > 23) return [];
  const digits = value.replace(/[ -]/g, '');
  if (!bankCardValid(digits)) return [];
  // One random 16-digit id in about thirty passes prefix + Luhn, so bare digits need a card key.
  if (hinted(field, 'bank_card')) return [hit('bank_card', field, value, 0.95)];
  if (GROUPED.test(value)) return [hit('bank_card', field, value, 0.8)];
  return [];
}

export const bankCard: Detector = { id: 'bank-card', dataTypes: ['bank_card'], detect };
