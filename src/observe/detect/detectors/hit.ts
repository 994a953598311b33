/** Builds a detection for a field (shared by the detectors). */
import type { Detection } from '../../../model/flow.js';
import type { Field } from '../detector.js';

export type Hit = Omit<Detection, 'detector'>;

export function hit(dataType: string, field: Field, value: string, confidence: number, note?: string): Hit {
  const found: Hit = { dataType, where: field.where, encoding: field.encoding, confidence, value };
  if (note) found.note = note;
  return found;
}

/** True for values that say "nothing here" rather than carry data. */
export function emptyish(value: string): boolean {
  return /^(|true|false|null|nil|none|undefined|unknown|n\/a|-|0|-1|\[\]|\{\})$/i.test(value.trim());
}
