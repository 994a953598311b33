/** Phone numbers (E.164, Chinese mobile, North-American national forms) and e-mail addresses. */
import type { Detector, Field } from '../detector.js';
import { hintedTypes } from '../hints.js';
import { lexicons } from '../lexicons.js';
import { hit, type Hit } from './hit.js';

const E164 = /^\+[1-9]\d{0,2}[ -]?(\(\d{1,4}\)[ -]?)?\d{1,4}([ .-]?\d{2,5}){1,4}$/;
const CN_MOBILE_SEPARATED = /^(\+?86[ -]?)?1[3-9]\d([ -])\d{4}\2\d{4}$/;
const CN_MOBILE_PREFIXED = /^(\+86|0086|86)[ -]?1[3-9]\d{9}$/;
const CN_MOBILE_BARE = /^1[3-9]\d{9}$/;
const NANP = /^(\(\d{3}\) ?|\d{3}[-.])\d{3}[-.]\d{4}$/;
const PHONE_IN_TEXT = /(?<![\w+])(\+[1-9]\d{0,2}[ -]?\d{2,4}[ -]\d{3,4}[ -]?\d{3,4}|1[3-9]\d[ -]\d{4}[ -]\d{4}|\(\d{3}\) ?\d{3}-\d{4})(?![\w])/g;
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.([A-Za-z]{2,24})(?![A-Za-z0-9-])/g;

function digitCount(value: string): number {
  return value.replace(/\D/g, '').length;
}

/** A whole value that is one phone number, with the confidence its shape (and key) earns. */
function phoneConfidence(value: string, hinted: boolean): number {
  const n = digitCount(value);
  if (E164.test(value) && n >= 8 && n <= 15) return hinted ? 0.95 : 0.85;
  if (CN_MOBILE_SEPARATED.test(value) || CN_MOBILE_PREFIXED.test(value)) return hinted ? 0.95 : 0.85;
  if (NANP.test(value) && /^\(?[2-9]/.test(value)) return hinted ? 0.9 : 0.7;
  if (!hinted) return 0;
  // Bare digits count only under a phone key: unkeyed, 11 digits are as likely a counter or an id.
  if (CN_MOBILE_BARE.test(value)) return 0.9;
  if (/^[2-9]\d{9}$/.test(value) || /^0\d{9,11}$/.test(value)) return 0.8;
  return 0;
}

function detect(field: Field): Hit[] {
  const value = field.value.trim();
  if (value.length < 5) return [];
  const hints = hintedTypes(field);
  const out: Hit[] = [];
  if (value.length <= 24) {
    const confidence = phoneConfidence(value, hints.has('phone_number') || hints.has('contacts'));
    if (confidence > 0) out.push(hit('phone_number', field, value, confidence));
  } else if (/\s/.test(value)) {
    for (const m of value.matchAll(PHONE_IN_TEXT)) out.push(hit('phone_number', field, m[0], 0.7));
  }
  if (value.includes('@')) {
    const skip = lexicons().notEmailTlds;
    for (const m of value.matchAll(EMAIL)) {
      if (skip.has(m[1]!.toLowerCase())) continue;
      out.push(hit('email_address', field, m[0], hints.has('email_address') ? 0.95 : 0.85));
    }
  }
  return out;
}

export const contact: Detector = { id: 'contact', dataTypes: ['phone_number', 'email_address'], detect };
