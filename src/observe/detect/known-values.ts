/**
 * Known identifiers (`--identifiers FILE`): each value, and its normalised forms, is searched as
 * written, upper/lower case, URL-encoded, base64, hex, and as MD5, SHA-1 and SHA-256 digests.
 * A match is certain (confidence 1); a known location matches coordinates within about 100 m.
 */
import { createHash } from 'node:crypto';
import type { Detection } from '../../model/flow.js';
import type { Field, KnownIdentifiers } from './detector.js';
import { escapeRegExp } from '../../escape-regexp.js';

/** Shorter needles than this match too much by chance. */
const MIN_NEEDLE = 6;
/** ~100 m in degrees of latitude. */
const LAT_TOLERANCE = 0.0009;

export interface Needle {
  dataType: string;
  /** The known value as the user wrote it. */
  known: string;
  text: string;
  encoding: string;
  /** Hex digests and hex strings are compared case-insensitively. */
  caseless: boolean;
}

export interface KnownPlace {
  dataType: string;
  lat: number;
  lon: number;
}

export interface CompiledKnown {
  needles: Needle[];
  places: KnownPlace[];
  /** Needles grouped by known value, built once per run rather than per flow. */
  byValue: Needle[][];
  /**
   * Match a field that holds some needle (case-sensitive needles as written, caseless ones with the
   * i flag): one or two scans per field reject most fields before the per-needle search.
   */
  anyExact?: RegExp;
  anyCaseless?: RegExp;
}

/** One alternation of the needles' texts; undefined when there are none. */
function alternation(texts: string[], flags: string): RegExp | undefined {
  const unique = [...new Set(texts)].map(escapeRegExp);
  return unique.length > 0 ? new RegExp(unique.join('|'), flags) : undefined;
}

function mayHold(compiled: CompiledKnown, value: string): boolean {
  return (compiled.anyExact?.test(value) ?? false) || (compiled.anyCaseless?.test(value) ?? false);
}

/** Forms a value is commonly normalised to before it is sent or hashed. */
export function normalForms(dataType: string, value: string): string[] {
  const v = value.trim();
  const forms = [v];
  if (dataType === 'email_address') forms.push(v.toLowerCase());
  if (dataType === 'phone_number') {
    const digits = v.replace(/\D/g, '');
    forms.push(digits, `+${digits}`);
    if (/^861[3-9]\d{9}$/.test(digits)) forms.push(digits.slice(2));
    if (/^1[3-9]\d{9}$/.test(digits)) forms.push(`86${digits}`, `+86${digits}`);
    if (/^1\d{10}$/.test(digits) && v.startsWith('+')) forms.push(digits.slice(1));
    // A North-American number written without its country code.
    if (/^[2-9]\d{9}$/.test(digits) && !v.startsWith('+')) forms.push(`1${digits}`, `+1${digits}`);
  }
  if (['imei', 'meid', 'imsi', 'iccid', 'bank_card', 'national_id'].includes(dataType)) forms.push(v.replace(/[\s-]/g, ''));
  if (dataType === 'mac_address' || dataType === 'wifi_info') {
    const hex = v.replace(/[:-]/g, '').toLowerCase();
    if (/^[0-9a-f]{12}$/.test(hex)) {
      const pairs = hex.match(/../g)!;
      forms.push(pairs.join(':'), pairs.join('-'), hex);
    }
  }
  if (['advertising_id', 'vendor_id', 'android_id'].includes(dataType)) forms.push(v.toLowerCase(), v.toUpperCase());
  return [...new Set(forms)];
}

const digest = (algorithm: string, text: string): string => createHash(algorithm).update(text, 'utf8').digest('hex');

function needlesFor(dataType: string, value: string): Needle[] {
  const out: Needle[] = [];
  const add = (text: string, encoding: string, caseless = false): void => {
    if (text.length >= MIN_NEEDLE && !out.some((n) => n.text === text)) out.push({ dataType, known: value, text, encoding, caseless });
  };
  for (const form of normalForms(dataType, value)) {
    add(form, 'plain');
    add(form.toUpperCase(), 'upper');
    add(form.toLowerCase(), 'lower');
    add(encodeURIComponent(form), 'url');
    const b64 = Buffer.from(form, 'utf8').toString('base64');
    add(b64.replace(/=+$/, ''), 'base64');
    add(b64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), 'base64');
    add(Buffer.from(form, 'utf8').toString('hex'), 'hex', true);
    add(digest('md5', form), 'md5', true);
    add(digest('sha1', form), 'sha1', true);
    add(digest('sha256', form), 'sha256', true);
  }
  return out;
}

export function compileKnown(known: KnownIdentifiers): CompiledKnown {
  const compiled: CompiledKnown = { needles: [], places: [], byValue: [] };
  for (const [dataType, entry] of Object.entries(known)) {
    const values = Array.isArray(entry) ? entry : [entry];
    for (const value of values) {
      if (typeof value === 'string') compiled.needles.push(...needlesFor(dataType, value));
      else compiled.places.push({ dataType, lat: value.lat, lon: value.lon });
    }
  }
  const byValue = new Map<string, Needle[]>();
  for (const n of compiled.needles) {
    const key = `${n.dataType}\0${n.known}`;
    const group = byValue.get(key);
    if (group) group.push(n);
    else byValue.set(key, [n]);
  }
  compiled.byValue = [...byValue.values()];
  compiled.anyExact = alternation(compiled.needles.filter((n) => !n.caseless).map((n) => n.text), '');
  // Caseless needles are hex (digests, hex forms): ASCII only, so the i flag matches what toLowerCase would.
  compiled.anyCaseless = alternation(compiled.needles.filter((n) => n.caseless).map((n) => n.text.toLowerCase()), 'i');
  return compiled;
}

function chain(fieldEncoding: string, needleEncoding: string): string {
  if (fieldEncoding === 'plain') return needleEncoding;
  return needleEncoding === 'plain' ? fieldEncoding : `${fieldEncoding}+${needleEncoding}`;
}

/** `lower[i]` is `fields[i].value` lower-cased, made once per flow for the caseless needles. */
function searchFields(fields: Field[], lower: string[], needle: Needle, out: Detection[]): void {
  const text = needle.caseless ? needle.text.toLowerCase() : needle.text;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const hay = needle.caseless ? lower[i]! : f.value;
    if (hay.includes(text)) {
      out.push({ dataType: needle.dataType, where: f.where, encoding: chain(f.encoding, needle.encoding), confidence: 1, value: needle.text, detector: 'known-values' });
    }
  }
}

function near(value: number, target: number, tolerance: number): boolean {
  return Math.abs(value - target) <= tolerance;
}

function searchPlaces(fields: Field[], place: KnownPlace): Detection[] {
  const lonTolerance = LAT_TOLERANCE / Math.max(0.05, Math.cos((place.lat * Math.PI) / 180));
  const numbers = fields.filter((f) => !f.container).flatMap((f) => {
    const found = f.value.match(/-?\d{1,3}\.\d{2,}/g) ?? [];
    return found.map((n) => ({ f, n: Number(n), text: n }));
  });
  const lat = numbers.find((x) => near(x.n, place.lat, LAT_TOLERANCE));
  const lon = numbers.find((x) => x !== lat && near(x.n, place.lon, lonTolerance));
  if (!lat || !lon) return [];
  return [{ dataType: place.dataType, where: lat.f.where, encoding: lat.f.encoding, confidence: 1, value: `${lat.text},${lon.text}`, detector: 'known-values' }];
}

/**
 * Every known value found in the flow. Leaf fields are searched first; an outer container is
 * searched only for values no leaf holds, so one occurrence is not reported at every level.
 */
export function findKnown(fields: Field[], compiled: CompiledKnown): Detection[] {
  const out: Detection[] = [];
  if (compiled.needles.length > 0) {
    // Only fields holding some needle are searched needle by needle; usually there are none.
    const leaves: Field[] = [];
    const containers: Field[] = [];
    for (const f of fields) if (mayHold(compiled, f.value)) (f.container ? containers : leaves).push(f);
    if (leaves.length + containers.length > 0) {
      const lowerLeaves = leaves.map((f) => f.value.toLowerCase());
      const lowerContainers = containers.map((f) => f.value.toLowerCase());
      for (const needles of compiled.byValue) {
        const before = out.length;
        for (const n of needles) searchFields(leaves, lowerLeaves, n, out);
        if (out.length === before) for (const n of needles) searchFields(containers, lowerContainers, n, out);
      }
    }
  }
  for (const place of compiled.places) out.push(...searchPlaces(fields, place));
  return out;
}
