/** Hardware and software identifiers of the device: IMEI, MEID, IMSI, ICCID, Android ID, advertising and vendor IDs, serial number, MAC. */
import type { Detector, Field } from '../detector.js';
import { hintedTypes } from '../hints.js';
import { UUID, iccidValid, imeiValid, imsiValid, macAddress, meidValid, zeroUuid } from '../checks.js';
import { emptyish, hit, type Hit } from './hit.js';

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
  return out;
}

export const deviceIds: Detector = {
  id: 'device-ids',
  dataTypes: ['imei', 'meid', 'imsi', 'iccid', 'android_id', 'advertising_id', 'vendor_id', 'serial_number', 'mac_address'],
  detect,
};
