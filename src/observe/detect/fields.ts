/**
 * Turns a flow into the fields detectors read: URL path segments, query parameters, headers,
 * cookies, and the body (JSON, form, multipart, gzip'd or base64 blobs, or printable runs of a
 * binary body), each unwrapped recursively (unwrap.ts).
 */
import type { RawFlow } from '../reader.js';
import type { Field } from './detector.js';
import { bytesToText, formPairs, inflate, looksLikeForm, unwrapValue } from './unwrap.js';
import { multipartParts } from './multipart.js';

/** Headers whose values are protocol plumbing, never personal data. */
const SKIP_HEADERS = new Set(['host', 'content-length', 'content-type', 'accept', 'accept-encoding', 'connection', 'transfer-encoding', 'content-encoding', 'cache-control', 'pragma', 'te', 'upgrade', 'keep-alive', 'date', 'if-modified-since']);

function urlFields(url: string, out: Field[]): void {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://host.invalid');
  } catch {
    unwrapValue({ where: 'url', key: '', value: url, encoding: 'plain' }, 0, out);
    return;
  }
  out.push({ where: 'url.path', key: '', value: parsed.pathname, encoding: 'plain', container: true });
  parsed.pathname.split('/').forEach((segment, i) => {
    if (segment === '') return;
    let value = segment;
    try {
      value = decodeURIComponent(segment);
    } catch {
      value = segment; // keep the raw segment when its escapes are broken
    }
    unwrapValue({ where: `url.path[${i - 1}]`, key: '', value, encoding: 'plain' }, 0, out);
  });
  for (const [k, v] of parsed.searchParams) {
    unwrapValue({ where: `query.${k}`, key: k.toLowerCase(), value: v, encoding: 'plain' }, 0, out);
  }
  if (parsed.hash.length > 1) unwrapValue({ where: 'url.fragment', key: '', value: parsed.hash.slice(1), encoding: 'plain' }, 0, out);
}

function headerFields(headers: RawFlow['requestHeaders'], out: Field[]): void {
  for (const h of headers ?? []) {
    const name = h.name.toLowerCase();
    if (SKIP_HEADERS.has(name) || name.startsWith(':')) continue;
    if (name === 'cookie') {
      for (const part of h.value.split(';')) {
        const eq = part.indexOf('=');
        if (eq <= 0) continue;
        const k = part.slice(0, eq).trim();
        unwrapValue({ where: `cookie.${k}`, key: k.toLowerCase(), value: part.slice(eq + 1).trim(), encoding: 'plain' }, 0, out);
      }
      continue;
    }
    // `X-Device-IMEI` hints like a key named `device-imei`.
    const key = name.replace(/^x-/, '');
    unwrapValue({ where: `header.${name}`, key, value: h.value, encoding: 'plain' }, 0, out);
  }
}

/** Printable ASCII/UTF-8 runs of a binary body (protobuf and the like carry strings verbatim). */
function printableRuns(bytes: Uint8Array, out: Field[]): void {
  const text = bytesToText(bytes);
  const re = /[\x20-\x7e\u00a0-\uffef]{6,}/g;
  for (const m of text.matchAll(re)) {
    unwrapValue({ where: `body.bytes[${m.index}]`, key: '', value: m[0], encoding: 'plain' }, 1, out);
  }
}

function bodyFields(flow: FlowRequest, out: Field[]): void {
  const body = flow.requestBody;
  if (!body || body.bytes.length === 0) return;
  let bytes = body.bytes;
  let encoding = 'plain';
  const inflated = inflate(bytes);
  if (inflated) {
    bytes = inflated;
    encoding = 'gzip';
  }
  const type = body.contentType ?? '';
  if (type.startsWith('multipart/')) {
    const header = flow.requestHeaders?.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
    const parts = multipartParts(bytes, header);
    if (parts.length > 0) {
      for (const part of parts) {
        if (part.text !== undefined) {
          unwrapValue({ where: `body.part.${part.name}`, key: part.name.toLowerCase(), value: part.text, encoding }, 1, out);
        }
      }
      return;
    }
  }
  const text = bytesToText(bytes);
  const binary = (text.match(/\ufffd|[\x00-\x08\x0e-\x1f]/g)?.length ?? 0) > text.length / 20;
  if (binary) {
    printableRuns(bytes, out);
    return;
  }
  if (looksLikeForm(text.trim()) && !type.includes('json')) {
    const formField: Field = { where: 'body', key: '', value: text, encoding, container: true };
    out.push(formField);
    for (const [k, v] of formPairs(text.trim())) {
      unwrapValue({ where: `body.form.${k}`, key: k.toLowerCase(), value: v, encoding }, 1, out);
    }
    return;
  }
  unwrapValue({ where: 'body', key: '', value: text, encoding }, 0, out);
}

/** What detectors read of a flow: the request (and a DNS query's name), nothing else. */
export type FlowRequest = Pick<RawFlow, 'url' | 'requestHeaders' | 'requestBody' | 'dns'>;

/** Every field of the flow's request, outer containers before what they contain. */
export function flowFields(flow: FlowRequest): Field[] {
  const out: Field[] = [];
  if (flow.url) urlFields(flow.url, out);
  headerFields(flow.requestHeaders, out);
  bodyFields(flow, out);
  if (flow.dns) out.push({ where: 'dns.query', key: '', value: flow.dns.query, encoding: 'plain' });
  return out;
}
