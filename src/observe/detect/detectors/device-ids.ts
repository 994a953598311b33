/** Hardware and software identifiers of the device: IMEI, MEID, IMSI, ICCID, Android ID, advertising and vendor IDs, serial number, MAC. */
import type { Detector, Field } from '../detector.js';
import { hintedTypes } from '../hints.js';
import { UUID, iccidValid, imeiValid, imsiValid, macAddress, meidValid, zeroUuid } from '../checks.js';
import { emptyish, hit, type Hit } from './hit.js';
import { identifierLike, imeiShapeNote, KEYED_SHAPE_CONFIDENCE, keyedShapeNote } from '../keyed-shape.js';

/**
 * Values under a key that names exactly one identifier but that fail its check: still that
 * identifier (lower confidence, with a note). A 14- to 16-digit value under an IMEI key is an IMEI
 * without its check digit, a mistyped one, or an IMEISV.
 */
function keyedButMalformed(field: Field, value: string, digits: string, hints: ReadonlySet<string>, found: Hit[]): Hit[] {
  if (!identifierLike(value)) return [];
  const has = (type: string) => found.some((h) => h.dataType === type);
  const out: Hit[] = [];
  if (hints.has('imei') && !has('imei') && !has('meid')) {
    if (/^\d{14,16}$/.test(digits) && !/^(\d)\1+$/.test(digits)) out.push(hit('imei', field, value, KEYED_SHAPE_CONFIDENCE, imeiShapeNote(digits)));
  }
  if (hints.has('imsi') && !has('imsi') && /^\d{14,15}$/.test(digits)) out.push(hit('imsi', field, value, KEYED_SHAPE_CONFIDENCE, keyedShapeNote('imsi')));
  if (hints.has('iccid') && !has('iccid') && /^89\d{15,19}F?$/i.test(value)) out.push(hit('iccid', field, value, KEYED_SHAPE_CONFIDENCE, keyedShapeNote('iccid')));
  if (hints.has('meid') && !hints.has('imei') && !has('meid') && /^[0-9A-F]{14,18}$/i.test(value)) out.push(hit('meid', field, value, KEYED_SHAPE_CONFIDENCE, keyedShapeNote('meid')));
  if (hints.has('android_id') && !has('android_id') && /^[0-9a-z]{8,32}$/i.test(value)) out.push(hit('android_id', field, value, KEYED_SHAPE_CONFIDENCE, keyedShapeNote('android_id')));
  return out;
}

function detect(field: Field): Hit[] {
  const value = field.value.trim();
  if (value.length < 6 || value.length > 80) return [];
  const hints = hintedTypes(field);
  const out: Hit[] = [];
  const digits = /^[\d -]+$/.test(value) ? value.replace(/[ -]/g, '') : '';
  if (digits !== '' && imeiValid(digits)) {
    // Luhn alone passes one random 15-digit number in ten: the key must say it is a device id.
    if (hints.has('imei')) out.push(hit('imei', field, value, 0.95));
    else if (hints.has('device_id') || hints.has('meid')) out.push(hit('imei', field, value, 0.7));
  }
  if ((hints.has('meid') || hints.has('imei')) && meidValid(value) && !/^\d{15}$/.test(value)) out.push(hit('meid', field, value, hints.has('meid') ? 0.9 : 0.8));
  if (hints.has('imsi') && imsiValid(digits)) out.push(hit('imsi', field, value, 0.95));
  if (hints.has('iccid') && iccidValid(value)) out.push(hit('iccid', field, value, 0.95));
  if (hints.has('android_id') && /^[0-9a-f]{15,16}$/i.test(value) && !/^0+$/.test(value)) out.push(hit('android_id', field, value, 0.9));
  if (hints.has('advertising_id') && ((UUID.test(value) && !zeroUuid(value)) || /^([0-9a-f]{16}|[0-9a-f]{32}|[0-9a-f]{64})$/i.test(value))) {
    out.push(hit('advertising_id', field, value, 0.9));
  }
  if (hints.has('vendor_id') && UUID.test(value) && !zeroUuid(value)) out.push(hit('vendor_id', field, value, 0.9));
  if (hints.has('serial_number') && !hints.has('iccid') && /^[A-Za-z0-9-]{6,24}$/.test(value) && !emptyish(value)) {
    const mixed = /\d/.test(value) && /[A-Za-z]/.test(value);
    if (mixed || /^\d{8,}$/.test(value)) out.push(hit('serial_number', field, value, 0.8));
  }
  if (!hints.has('wifi_info')) {
    const mac = macAddress(value, hints.has('mac_address'));
    if (mac) out.push(hit('mac_address', field, value, hints.has('mac_address') ? 0.9 : 0.75));
  }
  out.push(...keyedButMalformed(field, value, digits, hints, out));
  return out;
}

export const deviceIds: Detector = {
  id: 'device-ids',
  dataTypes: ['imei', 'meid', 'imsi', 'iccid', 'android_id', 'advertising_id', 'vendor_id', 'serial_number', 'mac_address'],
  detect,
};
