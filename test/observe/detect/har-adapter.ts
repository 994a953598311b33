/**
 * Test-only HAR 1.2 → RawFlow adapter (the real reader lives elsewhere): enough to feed the
 * detectors the request URL, headers and post data of each entry.
 */
import type { RawFlow } from '../../../src/observe/reader.js';

export interface HarEntry {
  startedDateTime: string;
  serverIPAddress?: string;
  request: {
    method: string;
    url: string;
    httpVersion?: string;
    headers: Array<{ name: string; value: string }>;
    postData?: { mimeType?: string; text?: string; encoding?: string };
  };
  response?: { status?: number };
}

export interface Har {
  log: { entries: HarEntry[] };
}

export function harEntryToFlow(entry: HarEntry): RawFlow {
  const url = new URL(entry.request.url);
  const post = entry.request.postData;
  const flow: RawFlow = {
    time: entry.startedDateTime,
    protocol: 'http',
    cleartext: url.protocol === 'http:',
    host: url.hostname,
    method: entry.request.method,
    url: entry.request.url,
    requestHeaders: entry.request.headers,
    status: entry.response?.status,
    serverIp: entry.serverIPAddress,
  };
  if (post?.text !== undefined && post.text !== '') {
    const bytes = post.encoding === 'base64' ? Buffer.from(post.text, 'base64') : Buffer.from(post.text, 'utf8');
    flow.requestBody = { bytes, contentType: post.mimeType?.split(';')[0]?.trim().toLowerCase() };
  }
  return flow;
}
