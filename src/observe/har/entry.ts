/**
 * One HAR 1.2 entry → RawFlow. Tolerates the dialects of Chrome, Firefox, Safari, Charles,
 * Insomnia and mitmproxy (vendor `_fields`, bracketed IPv6 server addresses, base64 post data).
 * A HAR entry is what a proxy or browser saw after TLS, so https entries are decrypted HTTP.
 */
import type { Header, HttpMessageBody } from '../../model/flow.js';
import type { RawFlow } from '../reader.js';

/** An entry that cannot become a flow (no request or URL); the reader warns and steps over it. */
export class HarEntryProblem extends Error {
  override name = 'HarEntryProblem';
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function harHeaders(v: unknown): Header[] {
  if (!Array.isArray(v)) return [];
  const out: Header[] = [];
  for (const h of v) {
    if (!isObj(h)) continue;
    const name = str(h.name);
    if (name === undefined) continue;
    out.push({ name, value: str(h.value) ?? '' });
  }
  return out;
}

/** Content-Type without parameters, lower-cased. */
export function bareContentType(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bare = value.split(';')[0]!.trim().toLowerCase();
  return bare || undefined;
}

const TEXTUAL = /^text\/|json|xml|javascript|x-www-form-urlencoded|multipart\/|graphql|yaml|csv/;

/**
 * HAR keeps bodies as text. Tools that met binary bodies (mitmproxy, Charles) wrote them one byte
 * per code point (Latin-1), so a non-textual body whose code points all fit a byte is re-encoded
 * that way to get the original bytes back; everything else is UTF-8.
 */
export function harTextBytes(text: string, contentType: string | undefined): Uint8Array {
  if (contentType && !TEXTUAL.test(contentType) && /[\u0080-\u00ff]/.test(text) && !/[^\u0000-\u00ff]/.test(text)) {
    return Buffer.from(text, 'latin1');
  }
  return Buffer.from(text, 'utf8');
}

function requestBody(postData: unknown, headers: Header[]): HttpMessageBody | undefined {
  if (!isObj(postData)) return undefined;
  const headerType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  const contentType = bareContentType(str(postData.mimeType)) ?? bareContentType(headerType);
  const text = str(postData.text);
  const encoding = str(postData.encoding) ?? str(postData._encoding);
  if (text !== undefined && text !== '') {
    if (encoding === 'base64') return { bytes: Buffer.from(text, 'base64'), contentType };
    return { bytes: harTextBytes(text, contentType), contentType };
  }
  // Some tools give only the parsed form fields.
  if (Array.isArray(postData.params) && postData.params.length > 0) {
    const form = new URLSearchParams();
    for (const p of postData.params) {
      if (isObj(p) && str(p.name) !== undefined) form.append(str(p.name)!, str(p.value) ?? '');
    }
    const encoded = form.toString();
    if (encoded) return { bytes: Buffer.from(encoded, 'utf8'), contentType: contentType ?? 'application/x-www-form-urlencoded' };
  }
  return undefined;
}

function isoTime(value: string | undefined, notes: string[]): string {
  if (value === undefined) {
    notes.push('entry has no startedDateTime');
    return new Date(0).toISOString();
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    notes.push(`unreadable startedDateTime ${JSON.stringify(value)}`);
    return value;
  }
  return new Date(ms).toISOString();
}

function serverIp(v: unknown): string | undefined {
  const s = str(v)?.trim();
  if (!s) return undefined;
  return s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

/** Maps one parsed entry; throws HarEntryProblem when it has no usable request. */
export function harEntryToFlow(entry: unknown): RawFlow {
  if (!isObj(entry)) throw new HarEntryProblem('entry is not an object');
  const request = entry.request;
  if (!isObj(request)) throw new HarEntryProblem('entry has no request');
  const url = str(request.url);
  if (!url) throw new HarEntryProblem('request has no url');
  const notes: string[] = [];
  const requestHeaders = harHeaders(request.headers);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    notes.push('request url is not absolute');
  }
  const hostHeader = requestHeaders.find((h) => /^(host|:authority)$/i.test(h.name))?.value;
  const host = parsed ? parsed.hostname.replace(/^\[|\]$/g, '') : (hostHeader?.replace(/:\d+$/, '') ?? '');
  if (!host) throw new HarEntryProblem(`no host for url ${JSON.stringify(url)}`);
  const scheme = parsed?.protocol ?? 'http:';
  const secure = scheme === 'https:' || scheme === 'wss:';
  const port = parsed?.port ? Number(parsed.port) : (Number(str(entry._serverPort)) || DEFAULT_PORTS[scheme]);

  const flow: RawFlow = {
    time: isoTime(str(entry.startedDateTime), notes),
    protocol: 'http',
    cleartext: !secure,
    host,
    method: str(request.method) ?? 'GET',
    url,
    requestHeaders,
  };
  const ip = serverIp(entry.serverIPAddress);
  if (ip) flow.serverIp = ip;
  if (port !== undefined) flow.serverPort = port;
  const body = requestBody(request.postData, requestHeaders);
  if (body) flow.requestBody = body;
  const response = entry.response;
  if (isObj(response)) {
    const status = typeof response.status === 'number' ? response.status : Number(str(response.status));
    // 0 is how browsers and mitmproxy mark "no response".
    if (Number.isInteger(status) && status > 0) flow.status = status;
    const headers = harHeaders(response.headers);
    if (headers.length > 0) flow.responseHeaders = headers;
  }
  if (secure) {
    flow.tls = { decrypted: true };
    if (!/^[\d.]+$|:/.test(host)) flow.tls.sni = host;
  }
  if (notes.length > 0) flow.notes = notes;
  return flow;
}
