/**
 * A value under a key that names one identifier (`imei=`, `imsi=`, `android_id=`) is that
 * identifier even when it fails the format's own check: the key is the evidence, the failed check
 * lowers the confidence, and a note says why. The notes are data/detect/keyed-shape-notes.json.
 */
import { readDataFile } from '../../vocab/data-file.js';

type NoteId = 'imei_check_digit' | 'imei_without_check_digit' | 'imeisv' | 'imei_other' | 'imsi' | 'iccid' | 'meid' | 'android_id' | 'device_model';

let notes: Record<NoteId, string> | undefined;

export function keyedShapeNote(id: NoteId, values: Record<string, string> = {}): string {
  notes ??= readDataFile<Record<NoteId, string>>('data', 'detect', 'keyed-shape-notes.json');
  return notes[id].replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/** Confidence of an identifier known by its key alone (the value failed the format check). */
export const KEYED_SHAPE_CONFIDENCE = 0.55;

/** An identifier-like token: not a flag, a placeholder or one digit repeated. */
export function identifierLike(value: string): boolean {
  return /^[A-Za-z0-9_:.-]{6,64}$/.test(value) && !/^(.)\1+$/.test(value.replace(/[-:._]/g, '')) && !/^(null|none|unknown|undefined|default|test)$/i.test(value);
}

/** Why a digit string under an IMEI key is not a valid IMEI (its length says what it likely is). */
export function imeiShapeNote(digits: string): string {
  if (digits.length === 15) return keyedShapeNote('imei_check_digit');
  if (digits.length === 14) return keyedShapeNote('imei_without_check_digit');
  if (digits.length === 16) return keyedShapeNote('imeisv');
  return keyedShapeNote('imei_other');
}
