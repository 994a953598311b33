/**
 * Reads and checks the known-identifiers file (`--identifiers FILE`): a JSON object keyed by
 * ontology data-type id; values are strings, arrays of strings, or {lat, lon} for locations.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { ontology } from '../../vocab/ontology.js';
import type { KnownIdentifiers } from './detector.js';

/** Types whose known value is a place (matching schemas/identifiers.schema.json). */
const LOCATION_TYPES = new Set(['precise_location']);

function jsonPosition(text: string, message: string): string | undefined {
  const m = /position (\d+)/.exec(message);
  if (!m) return undefined;
  const offset = Number(m[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, byte ${Buffer.byteLength(before, 'utf8')}`;
}

function checkPlace(file: string, key: string, value: Record<string, unknown>): { lat: number; lon: number } {
  const extra = Object.keys(value).filter((k) => k !== 'lat' && k !== 'lon');
  const { lat, lon } = value;
  if (extra.length > 0 || typeof lat !== 'number' || typeof lon !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new InputError(file, `"${key}" must be {"lat": -90..90, "lon": -180..180}`);
  }
  return { lat, lon };
}

/** Validates parsed JSON as a known-identifiers object; `file` names the source in errors. */
export function parseKnownIdentifiers(file: string, data: unknown): KnownIdentifiers {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new InputError(file, 'expected a JSON object keyed by data type (e.g. {"imei": "…"})');
  if (Object.keys(data).filter((k) => k !== '$schema').length === 0) throw new InputError(file, 'no identifiers given (the object is empty)');
  const types = ontology().dataTypes;
  const out: KnownIdentifiers = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (!types.has(key)) throw new InputError(file, `unknown data type "${key}" (use an ontology id such as imei, phone_number, email_address)`);
    if (LOCATION_TYPES.has(key)) {
      // A place is numbers, never text: "52.52,13.40" has no agreed order or separator.
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError(file, `"${key}" must be an object of two numbers, {"lat": -90..90, "lon": -180..180}`);
      out[key] = checkPlace(file, key, value as Record<string, unknown>);
    } else if (typeof value === 'string' && value.trim() !== '') {
      out[key] = value;
    } else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.trim() !== '')) {
      out[key] = value as string[];
    } else {
      throw new InputError(file, `"${key}" must be a non-empty string or an array of strings`);
    }
  }
  return out;
}

/** Reads the file; InputError on an unreadable file, bad JSON, an unknown key or a bad value. */
export function loadKnownIdentifiers(path: string): KnownIdentifiers {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read the identifiers file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (err) {
    const message = (err as Error).message;
    throw new InputError(path, `not valid JSON: ${message}`, jsonPosition(text, message));
  }
  return parseKnownIdentifiers(path, data);
}
