/**
 * The one place that knows how mitmproxy's flow format changed between versions (cf. mitmproxy's
 * io/compat.py). Every dump is brought to MitmFlow here; the mapper never looks at versions.
 *   0.x  (version [0, 18, 2]): strings are bytes; addresses are {address: [host, port], use_ipv6};
 *        server IP in server_conn.ip_address.
 *   1–9  (mitmproxy 1–6, e.g. 7): addresses are [host, port]; server IP in server_conn.ip_address;
 *        websocket messages are separate flows of type "websocket".
 *   10+  (mitmproxy 7+): request.host is text, request.authority added; ip_address may be a host name;
 *        from ~19 server_conn.peername / client_conn.peername hold the socket addresses;
 *        websocket messages live inside the HTTP flow; tcp, udp and dns flow types exist.
 */
import type { TDict, TValue } from './tnetstring.js';

export interface MitmMessage {
  headers: [string, string][];
  /** Raw content as sent (content-encoding still applied); undefined when not captured. */
  content?: Buffer;
}

export interface MitmRequest extends MitmMessage {
  method: string;
  scheme: string;
  host: string;
  port: number;
  path: string;
  /** HTTP/2+ :authority, or '' */
  authority: string;
  httpVersion: string;
  /** Seconds since the epoch. */
  timestampStart?: number;
}

export interface MitmResponse extends MitmMessage {
  statusCode: number;
}

export interface MitmConnection {
  /** Peer socket address (what the IP layer saw). */
  peer?: [string, number];
  /** Address as requested (host name or IP). */
  address?: [string, number];
  sni?: string;
  tlsVersion?: string;
  alpn?: string;
}

export type MitmFlow =
  | {
      type: 'http';
      version: string;
      request: MitmRequest;
      response?: MitmResponse;
      client?: MitmConnection;
      server?: MitmConnection;
      /** Messages of a WebSocket that the HTTP flow upgraded to. */
      websocketMessages: number;
      error?: string;
    }
  | { type: 'other'; version: string; flowType: string };

function isDict(v: TValue | undefined): v is TDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** Old dumps store text as bytes, newer ones as unicode: read either as a string. */
export function text(v: TValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return undefined;
}

function num(v: TValue | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** [host, port] from either the 0.x {address: [...]} wrapper or a plain list. */
function address(v: TValue | undefined): [string, number] | undefined {
  const inner = isDict(v) ? v.address : v;
  if (!Array.isArray(inner) || inner.length < 2) return undefined;
  const host = text(inner[0]);
  const port = num(inner[1]);
  if (host === undefined || port === undefined || host === '') return undefined;
  return [host, port];
}

function headers(v: TValue | undefined): [string, string][] {
  if (!Array.isArray(v)) return [];
  const out: [string, string][] = [];
  for (const pair of v) {
    if (!Array.isArray(pair) || pair.length < 2) continue;
    const name = text(pair[0]);
    // Header values are bytes on the wire: Latin-1 keeps every byte as one character.
    const value = Buffer.isBuffer(pair[1]) ? pair[1].toString('latin1') : text(pair[1]);
    if (name !== undefined && value !== undefined) out.push([name, value]);
  }
  return out;
}

function content(v: TValue | undefined): Buffer | undefined {
  if (Buffer.isBuffer(v)) return v;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  return undefined;
}

function connection(v: TValue | undefined, peerKeys: string[]): MitmConnection | undefined {
  if (!isDict(v)) return undefined;
  const conn: MitmConnection = {};
  for (const key of peerKeys) {
    const a = address(v[key]);
    if (a) {
      conn.peer = a;
      break;
    }
  }
  const a = address(v.address);
  if (a) conn.address = a;
  const sni = text(v.sni);
  if (sni) conn.sni = sni;
  const tlsVersion = text(v.tls_version);
  if (tlsVersion) conn.tlsVersion = tlsVersion;
  const alpn = text(v.alpn) ?? text(v.alpn_proto_negotiated);
  if (alpn) conn.alpn = alpn;
  return conn;
}

function versionOf(raw: TDict): string {
  const v = raw.version;
  if (Array.isArray(v)) return v.map((x) => String(x)).join('.');
  if (typeof v === 'number') return String(v);
  return 'unknown';
}

/** Thrown for a flow record that is not a mitmproxy flow at all. */
export class MitmShapeError extends Error {
  override name = 'MitmShapeError';
}

/** Brings one decoded flow record of any supported version to MitmFlow. */
export function upgradeFlow(raw: TValue): MitmFlow {
  if (!isDict(raw)) throw new MitmShapeError('flow record is not a dictionary');
  const version = versionOf(raw);
  const flowType = text(raw.type) ?? (isDict(raw.request) ? 'http' : 'unknown');
  if (flowType !== 'http') return { type: 'other', version, flowType };
  const req = raw.request;
  if (!isDict(req)) throw new MitmShapeError('http flow without a request');
  const request: MitmRequest = {
    method: text(req.method) ?? 'GET',
    scheme: text(req.scheme) ?? 'http',
    host: text(req.host) ?? '',
    port: num(req.port) ?? 0,
    path: text(req.path) ?? '',
    authority: text(req.authority) ?? '',
    // 0.x before 0.17 kept http_version as [1, 1]
    httpVersion: text(req.http_version) ?? (Array.isArray(req.httpversion) ? `HTTP/${req.httpversion.join('.')}` : 'HTTP/1.1'),
    headers: headers(req.headers),
  };
  const body = content(req.content);
  if (body) request.content = body;
  const started = num(req.timestamp_start);
  if (started !== undefined) request.timestampStart = started;

  const flow: MitmFlow = { type: 'http', version, request, websocketMessages: 0 };
  const res = raw.response;
  if (isDict(res)) {
    const response: MitmResponse = { statusCode: num(res.status_code) ?? 0, headers: headers(res.headers) };
    const resBody = content(res.content);
    if (resBody) response.content = resBody;
    flow.response = response;
  }
  // peername (10+) is the socket; ip_address (0.x–9) the resolved server address.
  const server = connection(raw.server_conn, ['peername', 'ip_address']);
  if (server) flow.server = server;
  const client = connection(raw.client_conn, ['peername', 'address']);
  if (client) flow.client = client;
  const ws = raw.websocket;
  if (isDict(ws) && Array.isArray(ws.messages)) flow.websocketMessages = ws.messages.length;
  const error = raw.error;
  if (isDict(error)) flow.error = text(error.msg) ?? 'error';
  return flow;
}
