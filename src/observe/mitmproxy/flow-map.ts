/** MitmFlow (already version-upgraded) → RawFlow. */
import { isIP } from 'node:net';
import type { Header } from '../../model/flow.js';
import type { RawFlow } from '../reader.js';
import type { MitmFlow } from './compat.js';
import { decodeContent } from './content-encoding.js';

type HttpMitmFlow = Extract<MitmFlow, { type: 'http' }>;

const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443 };

function headerValue(headers: [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** Host and port as the client addressed them: :authority, then Host, then the connection target. */
function target(flow: HttpMitmFlow): { host: string; port: number } {
  const { request } = flow;
  const authority = request.authority || headerValue(request.headers, 'host') || '';
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(authority);
  if (m) return { host: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : request.port || DEFAULT_PORT[request.scheme] || 0 };
  return { host: request.host || flow.server?.address?.[0] || '', port: request.port };
}

/** Same rule as mitmproxy's pretty_url: the default port for the scheme is left out. */
function buildUrl(scheme: string, host: string, port: number, path: string): string {
  const h = isIP(host) === 6 ? `[${host}]` : host;
  const p = port && port !== DEFAULT_PORT[scheme] ? `:${port}` : '';
  return `${scheme}://${h}${p}${path}`;
}

function bareType(value: string | undefined): string | undefined {
  const t = value?.split(';')[0]!.trim().toLowerCase();
  return t || undefined;
}

/** A timestamp outside what a Date can hold (a corrupt dump) becomes the epoch instead of a RangeError. */
function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

export function mitmFlowToRaw(flow: HttpMitmFlow): RawFlow {
  const { request } = flow;
  const { host, port } = target(flow);
  const notes: string[] = [];
  const secure = request.scheme === 'https';
  const raw: RawFlow = {
    time: isoTime(request.timestampStart ?? 0),
    protocol: 'http',
    cleartext: !secure,
    host,
    method: request.method,
    url: buildUrl(request.scheme, host, port, request.path),
    requestHeaders: request.headers.map(([name, value]): Header => ({ name, value })),
  };
  if (port) raw.serverPort = port;
  const peer = flow.server?.peer;
  if (peer && isIP(peer[0])) raw.serverIp = peer[0].replace(/^::ffff:(?=\d+\.)/, '');
  const client = flow.client?.peer;
  if (client && isIP(client[0])) {
    raw.clientIp = client[0].replace(/^::ffff:(?=\d+\.)/, '');
    raw.clientPort = client[1];
  }
  if (request.content && request.content.length > 0) {
    const decoded = decodeContent(request.content, headerValue(request.headers, 'content-encoding'));
    raw.requestBody = { bytes: decoded.bytes, contentType: bareType(headerValue(request.headers, 'content-type')) };
    if (decoded.problem) {
      raw.requestBody.problem = decoded.problem;
      notes.push(decoded.problem);
    }
  }
  if (flow.response) {
    if (flow.response.statusCode > 0) raw.status = flow.response.statusCode;
    raw.responseHeaders = flow.response.headers.map(([name, value]) => ({ name, value }));
  }
  if (secure) {
    raw.tls = { decrypted: true };
    const sni = flow.server?.sni;
    if (sni) raw.tls.sni = sni;
    if (flow.server?.tlsVersion) raw.tls.version = flow.server.tlsVersion;
    if (flow.server?.alpn) raw.tls.alpn = [flow.server.alpn];
  }
  if (flow.websocketMessages > 0) notes.push(`${flow.websocketMessages} WebSocket messages not read`);
  if (flow.error) notes.push(`mitmproxy error: ${flow.error}`);
  if (notes.length > 0) raw.notes = notes;
  return raw;
}
