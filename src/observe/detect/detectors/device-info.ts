/** Device model, OS version and mobile carrier: by key with a checked value, or from a mobile User-Agent. */
import type { Detector, Field } from '../detector.js';
import { hintedTypes } from '../hints.js';
import { lexicons } from '../lexicons.js';
import { hit, type Hit } from './hit.js';

const OS_VERSION = /^(?:(?:android|ios|ipados|harmonyos|hmos|emui|miui|os)\s*)?v?(\d{1,2})(?:[._]\d{1,3}){0,3}$/i;
const ANDROID_UA = /Android (\d+(?:\.\d+)*);(?: [a-z]{2}[-_][A-Za-z]{2};)? ([^;)]+?) Build\//;
const IOS_UA = /\((iPhone|iPad)[^)]*? OS (\d+(?:_\d+)*) like Mac OS X/;

function userAgent(field: Field): Hit[] {
  const out: Hit[] = [];
  const android = ANDROID_UA.exec(field.value);
  if (android) {
    out.push(hit('os_version', field, `Android ${android[1]}`, 0.6));
    out.push(hit('device_model', field, android[2]!, 0.6));
  }
  const ios = IOS_UA.exec(field.value);
  if (ios) out.push(hit('os_version', field, `iOS ${ios[2]!.replace(/_/g, '.')}`, 0.6));
  return out;
}

function isModel(value: string, keyed: boolean): boolean {
  const lex = lexicons();
  if (lex.modelPatternsStrong.some((re) => re.test(value))) return true;
  return keyed && (lex.deviceMakers.has(value.toLowerCase()) || lex.modelPatterns.some((re) => re.test(value)));
}

function detect(field: Field): Hit[] {
  if (field.where === 'header.user-agent') return userAgent(field);
  const value = field.value.trim();
  if (value.length === 0 || value.length > 40) return [];
  const hints = hintedTypes(field);
  const lex = lexicons();
  const out: Hit[] = [];
  const modelKeyed = hints.has('device_model');
  if (isModel(value, modelKeyed)) out.push(hit('device_model', field, value, modelKeyed ? 0.85 : 0.6));
  if (hints.has('os_version')) {
    const m = OS_VERSION.exec(value);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 40) out.push(hit('os_version', field, value, 0.8));
  }
  const lower = value.toLowerCase();
  if (hints.has('carrier') && (lex.carriers.has(lower) || lex.carrierCodes.has(value))) out.push(hit('carrier', field, value, 0.85));
  else if (lex.carriersUnkeyed.has(lower)) out.push(hit('carrier', field, value, 0.6));
  return out;
}

export const deviceInfo: Detector = { id: 'device-info', dataTypes: ['device_model', 'os_version', 'carrier'], detect };
