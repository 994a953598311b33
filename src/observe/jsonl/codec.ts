/**
 * RawFlow ⇄ one line of our JSON Lines flow format (schemas/jsonl-flow.schema.json).
 * Bodies are written as text when their bytes are valid UTF-8 (readable, greppable) and as base64
 * otherwise, so a round trip gives back the exact bytes.
 */
import type { Header } from '../../model/flow.js';
import type { RawFlow } from '../reader.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON text of one flow, without the line break. */
export function flowToJsonl(flow: RawFlow): string {
  const { requestHeaders, requestBody, responseHeaders, ...rest } = flow;
  const line: Record<string, unknown> = { ...rest };
  if (requestHeaders) line.requestHeaders = requestHeaders.map((h) => [h.name, h.value]);
  if (requestBody) {
    const body: Record<string, string> = {};
    let text: string | undefined;
    try {
      text = utf8.decode(requestBody.bytes);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // TypeError = not UTF-8
    }
    if (text !== undefined) body.text = text;
    else body.base64 = Buffer.from(requestBody.bytes).toString('base64');
    if (requestBody.contentType) body.contentType = requestBody.contentType;
    if (requestBody.problem) body.problem = requestBody.problem;
    line.requestBody = body;
  }
  if (responseHeaders) line.responseHeaders = responseHeaders.map((h) => [h.name, h.value]);
  return JSON.stringify(line);
}

type HeaderInput = [string, string][] | Header[] | Record<string, string | string[]>;

function headers(input: HeaderInput): Header[] {
  if (!Array.isArray(input)) {
    return Object.entries(input).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((value) => ({ name, value })));
  }
  return input.map((h) => (Array.isArray(h) ? { name: h[0], value: h[1] } : { name: h.name, value: h.value }));
}

/** Default for `cleartext` when a line leaves it out (see the schema). */
function defaultCleartext(line: { protocol: string; url?: string }): boolean {
  if (line.protocol === 'dns') return true;
  if (line.protocol === 'http') return /^(http|ws):\/\//i.test(line.url ?? '');
  return false;
}

/** A schema-valid line object → RawFlow (validation happens before, in the reader). */
export function jsonlToFlow(line: Record<string, unknown>): RawFlow {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(line)) {
    if (!key.startsWith('_')) out[key] = value;
  }
  const flow = out as unknown as RawFlow;
  // Same time form as every other reader (UTC, milliseconds); the schema guarantees it parses.
  flow.time = new Date(flow.time).toISOString();
  if (line.requestHeaders) flow.requestHeaders = headers(line.requestHeaders as HeaderInput);
  if (line.responseHeaders) flow.responseHeaders = headers(line.responseHeaders as HeaderInput);
  if (line.requestBody) {
    const b = line.requestBody as { text?: string; base64?: string; contentType?: string; problem?: string };
    flow.requestBody = { bytes: b.text !== undefined ? Buffer.from(b.text, 'utf8') : Buffer.from(b.base64!, 'base64') };
    if (b.contentType) flow.requestBody.contentType = b.contentType.split(';')[0]!.trim().toLowerCase();
    if (b.problem) flow.requestBody.problem = b.problem;
  }
  // The schema lets a DNS record leave out its answers (a query seen without its response).
  if (flow.dns && !Array.isArray(flow.dns.answers)) flow.dns = { ...flow.dns, answers: [] };
  if (flow.tls && flow.tls.decrypted === undefined) flow.tls = { ...flow.tls, decrypted: false };
  if (typeof line.cleartext !== 'boolean') flow.cleartext = defaultCleartext(flow as { protocol: string; url?: string });
  return flow;
}
