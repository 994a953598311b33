/** An HTTP/1.x request (and its response, when seen) → a RawFlow. */
import type { Header } from '../../model/flow.js';
import type { RawFlow } from '../reader.js';
import { decodeContent } from './content-encoding.js';
import type { HttpMessage } from './http1.js';

export interface Endpoints {
  clientIp: string;
  clientPort: number;
  serverIp: string;
  serverPort: number;
}

/** Capture seconds → ISO time; a timestamp outside what a Date can hold (a corrupt record) becomes the epoch. */
export function isoTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  // Flows come in capture order, many per second: the formatted second is reused and only the
  // milliseconds appended (years 0–9999 only, where toISOString keeps its fixed width).
  if (ms >= 0 && ms < MAX_FIXED_WIDTH_MS) {
    const second = Math.floor(ms / 1000);
    if (second !== lastSecond) {
      lastSecond = second;
      lastPrefix = new Date(second * 1000).toISOString().slice(0, 20);
    }
    return `${lastPrefix}${String(ms - second * 1000).padStart(3, '0')}Z`;
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

/** 10000-01-01T00:00:00Z in ms: from there toISOString writes a six-digit year. */
const MAX_FIXED_WIDTH_MS = 253402300800000;
let lastSecond = -1;
/** `YYYY-MM-DDTHH:MM:SS.` of lastSecond. */
let lastPrefix = '';

function header(headers: Header[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

/** Host without a port; brackets around an IPv6 literal removed. */
export function hostOnly(authority: string): string {
  const a = authority.trim().toLowerCase();
  if (a.startsWith('[')) return a.slice(1, a.indexOf(']') > 0 ? a.indexOf(']') : undefined);
  const colon = a.lastIndexOf(':');
  return colon > 0 && a.indexOf(':') === colon ? a.slice(0, colon) : a;
}

/**
 * `nameForIp` gives the DNS name seen for the server address, used when the request has no Host.
 */
export function httpFlow(
  request: HttpMessage,
  response: HttpMessage | undefined,
  ends: Endpoints,
  nameForIp: (ip: string) => string | undefined,
  streamNotes: string[] = [],
): RawFlow {
  const hostHeader = header(request.headers, 'host');
  const target = request.target ?? '/';
  let host: string;
  let url: string | undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    // Absolute form: a request to a forward proxy.
    url = target;
    try {
      host = hostOnly(new URL(target).host);
    } catch {
      host = hostHeader ? hostOnly(hostHeader) : ends.serverIp;
    }
  } else {
    const fallback = nameForIp(ends.serverIp) ?? ends.serverIp;
    const authority = hostHeader ?? (ends.serverPort === 80 ? fallback : `${fallback}:${ends.serverPort}`);
    const bracketed = !hostHeader && fallback.includes(':') ? `[${fallback}]${ends.serverPort === 80 ? '' : `:${ends.serverPort}`}` : authority;
    host = hostOnly(hostHeader ?? fallback);
    if (request.method === 'CONNECT') url = undefined;
    else url = `http://${bracketed}${target.startsWith('/') ? target : target === '*' ? '' : `/${target}`}`;
  }
  const flow: RawFlow = {
    time: isoTime(request.time),
    protocol: 'http',
    cleartext: true,
    ...ends,
    host,
    method: request.method,
    requestHeaders: request.headers,
  };
  if (url !== undefined) flow.url = url;
  const notes = [...streamNotes, ...request.problems];
  if (request.body.length > 0 || request.bodySize > 0) {
    const decoded = decodeContent(request.body, header(request.headers, 'content-encoding'));
    const contentType = header(request.headers, 'content-type')?.split(';')[0]!.trim().toLowerCase();
    const problems = [...request.problems.filter((p) => /body|truncated|gap/.test(p)), ...(decoded.problem ? [decoded.problem] : [])];
    flow.requestBody = { bytes: decoded.bytes, ...(contentType ? { contentType } : {}), ...(problems.length ? { problem: problems.join('; ') } : {}) };
    if (decoded.problem) notes.push(decoded.problem);
  }
  if (response) {
    flow.status = response.status;
    flow.responseHeaders = response.headers;
    notes.push(...response.problems.map((p) => `response: ${p}`));
  }
  if (notes.length > 0) flow.notes = notes;
  return flow;
}
