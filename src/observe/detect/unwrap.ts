/**
 * Unwraps one value into fields: JSON (leaves at any depth as `$.a.b[0].c`), form/query strings,
 * URL-encoding, base64 and gzip, recursively up to a bounded depth so a hostile body cannot make
 * us loop or explode.
 */
import { gunzipSync, inflateSync } from 'node:zlib';
import { readDataFile } from '../../vocab/data-file.js';
import type { Field } from './detector.js';

export const MAX_DEPTH = 5;
/** Values longer than this are searched as they are but not decoded further. */
const MAX_DECODE = 2_000_000;

type Positional = Record<string, Record<string, string>>;
let positional: Positional | undefined;

function positionalKey(arrayKey: string, index: number): string | undefined {
  positional ??= readDataFile<Positional & { $comment?: unknown }>('data', 'detect', 'positional-keys.json');
  const entry = positional[arrayKey];
  return typeof entry === 'object' ? entry[String(index)] : undefined;
}

function chain(outer: string, inner: string): string {
  return outer === 'plain' ? inner : `${outer}+${inner}`;
}

/** A key's step in a JSON path (`.imei`, `['a b']`); keys repeat in every request, so steps are kept (bounded). */
const steps = new Map<string, string>();

function jsonStep(key: string): string {
  let step = steps.get(key);
  if (step === undefined) {
    step = /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `['${key.replace(/'/g, "\\'")}']`;
    if (steps.size >= 10_000) steps.clear();
    steps.set(key, step);
  }
  return step;
}

/**
 * JSON nesting written out in full in a field's `where`; deeper levels are shown as the path to this
 * level, the depth and the last step (`$.a.a…[depth 80].imei`), so a path stays short however deep a
 * hostile body nests (100k levels would otherwise make paths of gigabytes).
 */
export const MAX_PATH_NESTING = 64;

interface JsonVisit {
  value: unknown;
  where: string;
  key: string;
  parent: string | undefined;
  nesting: number;
}

function childWhere(visit: JsonVisit, step: string): string {
  if (visit.nesting < MAX_PATH_NESTING) return `${visit.where}${step}`;
  const cut = visit.where.indexOf('…');
  const base = cut < 0 ? visit.where : visit.where.slice(0, cut);
  return `${base}…[depth ${visit.nesting + 1}]${step}`;
}

/**
 * Leaves of a parsed JSON value at any depth, in document order, each unwrapped further (a JSON
 * string can hold base64 or more JSON). Iterative: 100k nested arrays do not overflow the stack.
 */
function jsonFields(root: unknown, where: string, key: string, parent: string | undefined, encoding: string, depth: number, out: Field[]): void {
  const stack: JsonVisit[] = [{ value: root, where, key, parent, nesting: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (Array.isArray(value)) {
      // Pushed last to first so that they are visited first to last.
      for (let i = value.length - 1; i >= 0; i--) {
        const named = positionalKey(visit.key, i);
        stack.push({ value: value[i], where: childWhere(visit, `[${i}]`), key: named ?? visit.key, parent: named ? visit.key : visit.parent, nesting: visit.nesting + 1 });
      }
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i]!;
        stack.push({ value: v, where: childWhere(visit, jsonStep(k)), key: k.toLowerCase(), parent: visit.key === '' ? undefined : visit.key, nesting: visit.nesting + 1 });
      }
    } else if (value !== null && value !== undefined) {
      unwrapValue({ where: visit.where, key: visit.key, parent: visit.parent, value: String(value), encoding }, depth + 1, out);
    }
  }
}

function tryJson(text: string): unknown {
  const t = text.trim();
  if (!((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']')))) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined; // not JSON after all: the text is still searched as it is
  }
}

/**
 * `a=1&b=2` with at least one pair and no spaces: a query string or form body. A scan, not one
 * regular expression over the whole text: a repeated group over megabytes of body overflows the
 * regex engine's stack.
 */
export function looksLikeForm(text: string): boolean {
  if (text.length === 0 || /^[[{"]/.test(text) || /\s/.test(text)) return false;
  const pairs = text.endsWith('&') ? text.slice(0, -1).split('&') : text.split('&');
  // Every pair has a key before its first '=' (the value may hold more '=').
  return pairs.every((pair) => pair.indexOf('=') > 0);
}

export function formPairs(text: string): Array<[string, string]> {
  return [...new URLSearchParams(text)];
}

function printableRatio(text: string): number {
  if (text.length === 0) return 0;
  let ok = 0;
  let chars = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    chars++;
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13 || (c >= 0x4e00 && c <= 0x9fff) || (c > 0xa0 && c !== 0xfffd)) ok++;
  }
  return ok / chars;
}

/** Bytes that are gzip/zlib data, inflated; undefined when they are not. */
export function inflate(bytes: Uint8Array): Uint8Array | undefined {
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes, { maxOutputLength: MAX_DECODE * 4 });
    if (bytes[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(bytes[1] ?? 0)) return inflateSync(bytes, { maxOutputLength: MAX_DECODE * 4 });
  } catch {
    return undefined; // corrupt or not compressed: treated as opaque bytes
  }
  return undefined;
}

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** Decodes base64 (standard or URL-safe) when the result is text or compressed data worth reading. */
function tryBase64(text: string): { text?: string; bytes?: Uint8Array } | undefined {
  const t = text.trim();
  if (t.length < 8 || /^\d+$/.test(t) || /^[0-9a-f]+$/i.test(t)) return undefined;
  if (!B64.test(t) && !B64URL.test(t)) return undefined;
  const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length < 4) return undefined;
  const inflated = inflate(bytes);
  if (inflated) return { bytes: inflated };
  const decoded = utf8.decode(bytes);
  return printableRatio(decoded) >= 0.95 ? { text: decoded } : undefined;
}

/** One decoder for every call: constructing a TextDecoder costs more than decoding a short value. */
const utf8 = new TextDecoder('utf-8', { fatal: false });

export function bytesToText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** One value, pushed as a field, and everything it unwraps to, pushed after it. */
export function unwrapValue(field: Field, depth: number, out: Field[]): void {
  out.push(field);
  const value = field.value;
  if (depth >= MAX_DEPTH || value.length < 6 || value.length > MAX_DECODE) return;
  if (numberLike(value)) return;
  const remember = value.length <= MAX_REMEMBERED;
  if (remember && (opaque.has(value) || opaqueBefore.has(value))) return;
  const before = out.length;
  unwrapChildren(field, value, depth, out);
  // A value that unwrapped into anything is a container: pattern detectors read its children instead.
  if (out.length > before) field.container = true;
  else if (remember) rememberOpaque(value);
}

/**
 * Digits with signs, dots, spaces and brackets (phone numbers, coordinates, counters): no JSON,
 * URL-encoding, form or base64 worth decoding can be written with these alone. Most leaves of an
 * app's upload are such values, and each would otherwise go through every decoder's test.
 */
function numberLike(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // 0-9, space, ( ) + - .
    if (!((c >= 0x30 && c <= 0x39) || c === 0x20 || c === 0x28 || c === 0x29 || c === 0x2b || c === 0x2d || c === 0x2e)) return false;
  }
  return true;
}

/**
 * Short values that unwrap to nothing (whether a value unwraps depends on the value alone), so the
 * same device id or User-Agent in the next request skips the JSON, URL, form and base64 attempts.
 * Two generations of at most OPAQUE_GENERATION values each keep it bounded.
 */
const MAX_REMEMBERED = 512;
const OPAQUE_GENERATION = 20_000;
let opaque = new Set<string>();
let opaqueBefore = new Set<string>();

/** Forgets the values remembered as opaque (benchmarks measuring a first pass again). */
export function clearOpaqueValues(): void {
  opaque = new Set();
  opaqueBefore = new Set();
}

function rememberOpaque(value: string): void {
  if (opaque.size >= OPAQUE_GENERATION) {
    opaqueBefore = opaque;
    opaque = new Set();
  }
  opaque.add(value);
}

function unwrapChildren(field: Field, value: string, depth: number, out: Field[]): void {
  const json = tryJson(value);
  if (json !== undefined && typeof json === 'object') {
    jsonFields(json, `${field.where}.$`, field.key, field.parent, field.encoding, depth, out);
    return;
  }
  if (/%[0-9a-f]{2}/i.test(value)) {
    let decoded: string | undefined;
    try {
      decoded = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      decoded = undefined; // a stray '%': not URL-encoded
    }
    if (decoded !== undefined && decoded !== value) {
      unwrapValue({ ...field, value: decoded, encoding: chain(field.encoding, 'url'), container: false }, depth + 1, out);
      return;
    }
  }
  if (looksLikeForm(value) && value.includes('&')) {
    for (const [k, v] of formPairs(value)) {
      unwrapValue({ where: `${field.where}.${k}`, key: k.toLowerCase(), parent: field.key || undefined, value: v, encoding: field.encoding }, depth + 1, out);
    }
    return;
  }
  const b64 = tryBase64(value);
  if (b64?.text !== undefined) {
    unwrapValue({ ...field, value: b64.text, encoding: chain(field.encoding, 'base64'), container: false }, depth + 1, out);
  } else if (b64?.bytes) {
    unwrapValue({ ...field, value: bytesToText(b64.bytes), encoding: chain(field.encoding, 'base64+gzip'), container: false }, depth + 1, out);
  }
}
