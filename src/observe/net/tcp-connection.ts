/**
 * One TCP connection: both directions reassembled, the application protocol recognised from the
 * client's first bytes (HTTP/1.x, cleartext HTTP/2 or TLS) or, for DNS, the server port, and flows
 * produced — an HTTP flow per request (with its response when seen), a TLS flow per ClientHello
 * (also inside an HTTP CONNECT tunnel), DNS messages handed to the capture's DNS tracker.
 */
import type { TlsUndecrypted } from '../../model/flow.js';
import type { RawFlow } from '../reader.js';
import { concatBytes } from './bytes.js';
import { Http1Parser, type HttpEvent, type HttpMessage } from './http1.js';
import { hostOnly, httpFlow, isoTime, type Endpoints } from './http-flow.js';
import { TcpStream, type StreamEvent } from './tcp-stream.js';
import { DnsTcpFraming } from './dns-tcp.js';
import { looksLikeTls, parseClientHelloRecords } from './tls-hello.js';
import type { KeyLog } from '../tls/keylog.js';
import { TlsSession } from '../tls/tls-session.js';
import { DecryptedConnection } from '../tls/decrypted-connection.js';
import { CLIENT_PREFACE } from '../http2/h2-connection.js';
import { H2cFlows } from '../http2/h2c-flows.js';

export interface ConnectionLimits {
  /** Out-of-order bytes buffered per direction before a hole is given up on. */
  maxBufferedPerDirection: number;
  maxHead: number;
  maxBody: number;
  /** Requests waiting for a response; older ones are emitted without it. */
  maxPendingRequests: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxBufferedPerDirection: 4 << 20,
  maxHead: 64 << 10,
  maxBody: 16 << 20,
  maxPendingRequests: 64,
};

function startsWith(head: Uint8Array, prefix: Uint8Array): boolean {
  if (head.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (head[i] !== prefix[i]) return false;
  return true;
}

/** `^[A-Z]{3,10} ` on the bytes: a method token and its space, without making a string per connection. */
function httpStart(head: Uint8Array): boolean {
  let i = 0;
  while (i < head.length && i <= 10 && head[i]! >= 0x41 && head[i]! <= 0x5a) i++;
  return i >= 3 && i <= 10 && head[i] === 0x20;
}
const HELLO_LIMIT = 1 << 16;

type App =
  | { kind: 'unknown'; head: Uint8Array; time: number }
  | { kind: 'http'; requests: Http1Parser; responses: Http1Parser; open: HttpMessage[]; connectTarget?: string; tunnel?: TlsProbe; decrypt?: DecryptedConnection; decryptEnded?: boolean; h2c?: H2cFlows }
  | { kind: 'h2c'; h2c: H2cFlows }
  | { kind: 'dns'; client: DnsTcpFraming; server: DnsTcpFraming }
  | { kind: 'tls'; probe: TlsProbe }
  | { kind: 'decrypt'; connection: DecryptedConnection; ended: boolean }
  | { kind: 'other' };

/** Hands one DNS message to the capture's DNS tracker. */
export type DnsSink = (payload: Uint8Array, src: { ip: string; port: number }, dst: { ip: string; port: number }, time: number, transport: 'tcp', out: RawFlow[]) => void;

/** Collects the first bytes of a stream until a ClientHello can be read. */
interface TlsProbe {
  bytes: Uint8Array;
  time: number;
  done: boolean;
  /** For a tunnel: the CONNECT target and the proxy. */
  via?: { target: string; proxy: string };
}

export class TcpConnection {
  readonly toServer: TcpStream;
  readonly toClient: TcpStream;
  private app: App = { kind: 'unknown', head: new Uint8Array(0), time: 0 };
  clientDone = false;
  serverDone = false;
  lastTime: number;
  /** ISN of the client's SYN, to tell a new connection on a reused port pair. */
  clientIsn?: number;

  constructor(
    readonly ends: Endpoints,
    time: number,
    private readonly nameForIp: (ip: string) => string | undefined,
    private readonly limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
    /** Secrets for decrypting TLS; when empty, TLS connections are reported by their hello alone. */
    private readonly keylog?: KeyLog,
    /** Where DNS over TCP (server port 53) goes; without it such a connection is not read. */
    private readonly dns?: DnsSink,
  ) {
    this.toServer = new TcpStream(limits.maxBufferedPerDirection);
    this.toClient = new TcpStream(limits.maxBufferedPerDirection);
    this.lastTime = time;
    if (dns && ends.serverPort === 53) this.app = { kind: 'dns', client: new DnsTcpFraming(), server: new DnsTcpFraming() };
  }

  /** False once a direction's bytes can no longer change any flow (TLS after its hello, unknown protocols): reassembly is skipped. */
  wants(fromClient: boolean): boolean {
    const app = this.app;
    if (app.kind === 'other') return false;
    if (app.kind === 'decrypt' || app.kind === 'h2c' || app.kind === 'dns') return true;
    if (app.kind === 'tls') return fromClient && !app.probe.done;
    if (app.kind === 'http' && app.tunnel && !app.decrypt) return fromClient && !app.tunnel.done;
    return fromClient || app.kind === 'http';
  }

  fromClient(events: StreamEvent[], out: RawFlow[]): void {
    for (const event of events) this.clientEvent(event, out);
  }

  fromServer(events: StreamEvent[], out: RawFlow[]): void {
    if (this.app.kind === 'dns') {
      for (const event of events) this.dnsEvent(this.app.server, false, event, out);
      return;
    }
    if (this.app.kind === 'h2c') {
      const h2c = this.app.h2c;
      for (const event of events) h2c.push(false, event, out);
      return;
    }
    if (this.app.kind === 'decrypt') {
      const connection = this.app.connection;
      for (const event of events) connection.push(false, event, out);
      return;
    }
    if (this.app.kind !== 'http') return;
    const app = this.app;
    for (const event of events) for (const e of app.responses.push(event)) this.httpResponse(e, out);
  }

  /** FIN or RST from the client (or end of capture). */
  endClient(out: RawFlow[]): void {
    if (this.clientDone) return;
    this.clientDone = true;
    this.fromClient(this.toServer.flush(), out);
    if (this.app.kind === 'unknown') this.decide(out, true);
    if (this.app.kind === 'http') for (const e of this.app.requests.end()) this.httpRequest(e, out);
    this.tlsGiveUp(out);
  }

  endServer(out: RawFlow[]): void {
    if (this.serverDone) return;
    this.serverDone = true;
    this.fromServer(this.toClient.flush(), out);
    if (this.app.kind === 'http') for (const e of this.app.responses.end()) this.httpResponse(e, out);
  }

  /** Both directions over: requests never answered are emitted without a response. */
  close(out: RawFlow[]): void {
    this.endClient(out);
    this.endServer(out);
    if (this.app.kind === 'http') {
      for (const request of this.app.open.splice(0)) out.push(this.toHttpFlow(request, undefined));
    }
    if (this.app.kind === 'http' && this.app.decrypt && !this.app.decryptEnded) {
      this.app.decryptEnded = true;
      this.app.decrypt.end(out);
    }
    if (this.app.kind === 'decrypt' && !this.app.ended) {
      this.app.ended = true;
      this.app.connection.end(out);
    }
    if (this.app.kind === 'h2c') this.app.h2c.end(out);
    else if (this.app.kind === 'http') this.app.h2c?.end(out);
  }

  private clientEvent(event: StreamEvent, out: RawFlow[]): void {
    const app = this.app;
    if (app.kind === 'unknown') {
      if ('gap' in event) {
        this.app = { kind: 'other' };
        return;
      }
      if (app.head.length === 0) app.time = event.time;
      // The first segment is usually all it takes to decide: kept as a view, joined only when it is not.
      app.head = app.head.length === 0 ? event.data : concatBytes([app.head, event.data]);
      this.decide(out, false);
      return;
    }
    if (app.kind === 'http') {
      for (const e of app.requests.push(event)) this.httpRequest(e, out);
    } else if (app.kind === 'tls') {
      this.tlsData(app.probe, event, out);
    } else if (app.kind === 'decrypt') {
      app.connection.push(true, event, out);
    } else if (app.kind === 'h2c') {
      app.h2c.push(true, event, out);
    } else if (app.kind === 'dns') {
      this.dnsEvent(app.client, true, event, out);
    }
  }

  private dnsEvent(framing: DnsTcpFraming, fromClient: boolean, event: StreamEvent, out: RawFlow[]): void {
    const client = { ip: this.ends.clientIp, port: this.ends.clientPort };
    const server = { ip: this.ends.serverIp, port: this.ends.serverPort };
    for (const { message, time } of framing.push(event)) this.dns!(message, fromClient ? client : server, fromClient ? server : client, time, 'tcp', out);
  }

  private decide(out: RawFlow[], final: boolean): void {
    const app = this.app;
    if (app.kind !== 'unknown') return;
    const head = app.head;
    if (head.length < 8 && !final) return;
    // A first segment shorter than the HTTP/2 preface: wait for the rest before reading "PRI" as HTTP/1.
    if (!final && head.length < CLIENT_PREFACE.length && startsWith(CLIENT_PREFACE, head)) return;
    if (startsWith(head, CLIENT_PREFACE)) {
      // Cleartext HTTP/2 with prior knowledge (RFC 9113 §3.3): the preface, then frames both ways.
      this.app = { kind: 'h2c', h2c: new H2cFlows(this.ends, this.nameForIp, this.limits) };
      this.clientEvent({ data: head, time: app.time }, out);
    } else if (httpStart(head)) {
      const open: HttpMessage[] = [];
      const options = { maxHead: this.limits.maxHead, maxBody: this.limits.maxBody };
      this.app = {
        kind: 'http',
        open,
        requests: new Http1Parser('request', options),
        responses: new Http1Parser('response', { ...options, keepBodies: false, requestMethod: () => open[0]?.method }),
      };
      this.clientEvent({ data: head, time: app.time }, out);
    } else if (looksLikeTls(head)) {
      this.app = { kind: 'tls', probe: { bytes: new Uint8Array(0), time: app.time, done: false } };
      this.clientEvent({ data: head, time: app.time }, out);
    } else {
      this.app = { kind: 'other' };
    }
  }

  private httpRequest(event: HttpEvent, out: RawFlow[]): void {
    const app = this.app;
    if (app.kind !== 'http') return;
    if ('tunnel' in event && app.decrypt) {
      app.decrypt.push(true, { data: event.tunnel, time: event.time }, out);
      return;
    }
    if ('tunnel' in event && app.h2c) {
      // After `Upgrade: h2c` (RFC 7540 §3.2) the client's bytes are HTTP/2 from its preface on.
      app.h2c.push(true, { data: event.tunnel, time: event.time }, out);
      return;
    }
    if ('tunnel' in event) {
      app.tunnel ??= {
        bytes: new Uint8Array(0),
        time: event.time,
        done: false,
        via: { target: app.connectTarget ?? '', proxy: `${this.ends.serverIp}:${this.ends.serverPort}` },
      };
      this.tlsData(app.tunnel, { data: event.tunnel, time: event.time }, out);
      return;
    }
    if (event.message.method === 'CONNECT') app.connectTarget = event.message.target;
    if (/\bh2c\b/i.test(event.message.headers.find((h) => h.name.toLowerCase() === 'upgrade')?.value ?? '')) app.h2c ??= new H2cFlows(this.ends, this.nameForIp, this.limits);
    app.open.push(event.message);
    while (app.open.length > this.limits.maxPendingRequests) out.push(this.toHttpFlow(app.open.shift()!, undefined));
  }

  private httpResponse(event: HttpEvent, out: RawFlow[]): void {
    const app = this.app;
    if (app.kind !== 'http') return;
    if ('tunnel' in event) {
      if (app.decrypt) app.decrypt.push(false, { data: event.tunnel, time: event.time }, out);
      else app.h2c?.push(false, { data: event.tunnel, time: event.time }, out);
      return;
    }
    if (event.message.status !== undefined && event.message.status < 200 && event.message.status !== 101) return; // interim
    const request = app.open.shift();
    if (request) out.push(this.toHttpFlow(request, event.message));
  }

  private toHttpFlow(request: HttpMessage, response: HttpMessage | undefined): RawFlow {
    const app = this.app;
    const notes = app.kind === 'http' ? app.requests.notes.splice(0) : [];
    return httpFlow(request, response, this.ends, this.nameForIp, notes);
  }

  private tlsData(probe: TlsProbe, event: StreamEvent, out: RawFlow[]): void {
    if (probe.done) return;
    if ('gap' in event) {
      this.tlsEmit(probe, out, undefined, { reason: 'capture_gap', detail: `${event.gap} bytes of the client stream were not captured before the ClientHello was complete` });
      return;
    }
    if (probe.bytes.length === 0) probe.time = event.time;
    probe.bytes = concatBytes([probe.bytes, event.data.subarray(0, HELLO_LIMIT - probe.bytes.length)]);
    const hello = parseClientHelloRecords(probe.bytes, HELLO_LIMIT);
    if (hello === 'need' && probe.bytes.length < HELLO_LIMIT) return;
    if (typeof hello === 'string') this.tlsEmit(probe, out, undefined, hello === 'need' ? { reason: 'handshake_not_seen', detail: 'the ClientHello is not complete in the captured bytes' } : { reason: 'protocol_error', detail: hello });
    else if (this.keylog && this.keylog.size > 0) this.tlsDecrypt(probe, hello, out);
    else this.tlsEmit(probe, out, hello, { reason: 'no_key_log', detail: 'no TLS key log was given (--keylog, or a pcapng Decryption Secrets Block)' });
  }

  /** A key log is at hand: follow the session when it holds this client random's secrets. */
  private tlsDecrypt(probe: TlsProbe, hello: { sni?: string; alpn?: string[]; version?: string }, out: RawFlow[]): void {
    const session = new TlsSession(this.keylog!);
    // The ClientHello: its random names the secrets (0-RTT data may follow it in the same bytes).
    const early = session.push(true, { data: probe.bytes, time: probe.time });
    // Session-ID and RSA lines name their session only later in the handshake: such sessions are followed to find out.
    if (!session.clientRandom || (!this.keylog!.knows(session.clientRandom) && !this.keylog!.findsLater)) {
      const random = session.clientRandom ? ` (client random ${Buffer.from(session.clientRandom).toString('hex').slice(0, 16)}…)` : '';
      this.tlsEmit(probe, out, hello, { reason: 'keys_missing', detail: `the key log has no secrets for this session${random}` }, true);
      return;
    }
    probe.done = true;
    probe.bytes = new Uint8Array(0);
    const info = { ...(hello.sni ? { sni: hello.sni } : {}), ...(hello.alpn ? { alpn: hello.alpn } : {}), time: probe.time };
    const connection = new DecryptedConnection(session, info, this.ends, this.nameForIp, this.limits, probe.via);
    if (probe.via && this.app.kind === 'http') this.app.decrypt = connection;
    else this.app = { kind: 'decrypt', connection, ended: false };
    connection.plaintext(early, out);
  }

  /** A TLS stream that ended before its ClientHello could be read still gets its flow. */
  private tlsGiveUp(out: RawFlow[]): void {
    const probe = this.app.kind === 'tls' ? this.app.probe : this.app.kind === 'http' ? this.app.tunnel : undefined;
    if (probe && !probe.done) this.tlsEmit(probe, out, undefined, { reason: 'handshake_not_seen', detail: 'the connection ended before a complete ClientHello' });
  }

  private tlsEmit(probe: TlsProbe, out: RawFlow[], hello: { sni?: string; alpn?: string[]; version?: string } | undefined, undecrypted: TlsUndecrypted, keysMissing = false): void {
    probe.done = true;
    probe.bytes = new Uint8Array(0);
    // Without a key log nothing was expected to be decrypted: no note, the reason is in tls.undecrypted.
    const notes = undecrypted.reason === 'no_key_log' ? [] : [`not decrypted: ${undecrypted.detail}`];
    let ends: Partial<Endpoints> = this.ends;
    let fallbackHost = this.nameForIp(this.ends.serverIp) ?? this.ends.serverIp;
    if (probe.via) {
      // Tunnelled through a proxy: the real server is the CONNECT target, its address unknown.
      const port = Number(/:(\d+)$/.exec(probe.via.target)?.[1] ?? 443);
      ends = { clientIp: this.ends.clientIp, clientPort: this.ends.clientPort, serverPort: port };
      fallbackHost = hostOnly(probe.via.target) || fallbackHost;
      notes.push(`through the HTTP proxy at ${probe.via.proxy} (CONNECT ${probe.via.target})`);
    }
    const tls = { ...(hello?.sni ? { sni: hello.sni } : {}), ...(hello?.version ? { version: hello.version } : {}), ...(hello?.alpn ? { alpn: hello.alpn } : {}), decrypted: false, ...(keysMissing ? { keysMissing } : {}), undecrypted };
    const flow: RawFlow = { time: isoTime(probe.time), protocol: 'tls', cleartext: false, ...ends, host: (hello?.sni ?? fallbackHost).toLowerCase(), tls };
    if (notes.length > 0) flow.notes = notes;
    out.push(flow);
  }
}
