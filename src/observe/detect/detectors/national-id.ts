/** Chinese resident identity card numbers: region, birth date and MOD 11-2 check character must all hold. */
import type { Detector, Field } from '../detector.js';
import { hinted } from '../hints.js';
import { chineseIdValid } from '../checks.js';
import { hit, type Hit } from './hit.js';

const IN_TEXT = /(?<![\dA-Za-z])[1-8]\d{16}[\dXx](?![\dA-Za-z])/g;

function detect(field: Field): Hit[] {
  const value = field.value.trim();
  if (value.length < 18) return [];
  const confidence = hinted(field, 'national_id') ? 0.98 : 0.9;
  if (value.length === 18) return chineseIdValid(value) ? [hit('national_id', field, value, confidence)] : [];
  const out: Hit[] = [];
  if (/\s|[,;|"]/.test(value)) {
    for (const m of value.matchAll(IN_TEXT)) if (chineseIdValid(m[0])) out.push(hit('national_id', field, m[0], 0.85));
  }
  return out;
}

export const nationalId: Detector = { id: 'national-id', dataTypes: ['national_id'], detect };
