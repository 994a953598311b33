/**
 * A `model` field beside other device fields (an IMEI, an Android ID, the OS version, the carrier)
 * is the device's model even when its value matches no known maker or model pattern: the
 * neighbours say which "model" it is. Reported with a moderate confidence and a note naming them.
 */
import type { Field, FlowDetector } from '../detector.js';
import { hintedTypes, normKey } from '../hints.js';
import { keyedShapeNote } from '../keyed-shape.js';
import { hit, type Hit } from './hit.js';

/** Keys that say "device" without naming the model: their presence makes a bare `model` the device model. */
const DEVICE_NEIGHBOURS = ['imei', 'meid', 'imsi', 'android_id', 'advertising_id', 'serial_number', 'mac_address', 'device_id', 'os_version', 'carrier'];
const MODEL_KEYS = new Set(['model', 'devicemodel', 'phonemodel', 'mobilemodel']);
const MODEL_VALUE = /^[\p{L}\p{N}][\p{L}\p{N} ._+(),-]{1,39}$/u;
/**
 * Hardware model names carry a capital and a digit (SM-G991B, Pixel 7, NX-9 Pro, iPhone14,2); the
 * lower-case names of software models and versions (resnet50, v2-large, gpt-4o-mini) do not.
 */
const looksLikeHardware = (value: string) => /\p{Lu}/u.test(value) && /\p{N}/u.test(value);
const CONFIDENCE = 0.6;

/** The fields of one object (same parent path): `body.form.model` and `body.form.imei`, `$.device.model` and `$.device.os`. */
const scopeOf = (where: string) => where.replace(/(\.[^.[\]]+|\[\d+\])$/, '');

function detect(fields: Field[]): Hit[] {
  const models = fields.filter((f) => !f.container && MODEL_KEYS.has(normKey(f.key)) && MODEL_VALUE.test(f.value.trim()) && looksLikeHardware(f.value));
  if (models.length === 0) return [];
  const out: Hit[] = [];
  for (const model of models) {
    const scope = scopeOf(model.where);
    const neighbours = fields.filter((f) => f !== model && !f.container && scopeOf(f.where) === scope && f.value.trim() !== '' && DEVICE_NEIGHBOURS.some((t) => hintedTypes(f).has(t)));
    if (neighbours.length === 0) continue;
    const keys = [...new Set(neighbours.map((f) => f.key))].slice(0, 3).join(', ');
    out.push(hit('device_model', model, model.value.trim(), CONFIDENCE, keyedShapeNote('device_model', { keys })));
  }
  return out;
}

export const deviceContext: FlowDetector = { id: 'device-context', dataTypes: ['device_model'], detect };
