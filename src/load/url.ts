import { InputError } from '../errors.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, MAX_REDIRECTS } from './options.js';

export interface Fetched {
  bytes: Uint8Array;
  /** The Content-Type header, if any. */
  contentType?: string;
  /** The address after redirects. */
  url: string;
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `cannot fetch: ${detail}`;
}

async function readLimited(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new InputError(url, `document is ${declared} bytes, over the limit of ${maxBytes}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new InputError(url, `document is over the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** GET an http(s) URL following at most 5 redirects, within a time and a size limit. */
export async function fetchDocument(url: string, options: { timeoutMs?: number; maxBytes?: number } = {}): Promise<Fetched> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  for (let redirects = 0; ; redirects += 1) {
    let response: Response;
    try {
      response = await fetch(current, { redirect: 'manual', signal, headers: { accept: 'text/html, application/pdf, text/markdown, text/plain;q=0.9, */*;q=0.5' } });
    } catch (error) {
      throw new InputError(url, describe(error, timeoutMs));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (redirects >= MAX_REDIRECTS) throw new InputError(url, `too many redirects (more than ${MAX_REDIRECTS})`);
      const next = new URL(location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new InputError(url, `redirect to unsupported address ${next.href}`);
      current = next.href;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new InputError(url, `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${current !== url ? ` from ${current}` : ''}`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readLimited(response, url, maxBytes);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(url, describe(error, timeoutMs));
    }
    const contentType = response.headers.get('content-type') ?? undefined;
    return contentType ? { bytes, contentType, url: current } : { bytes, url: current };
  }
}
