/**
 * The application layer of a TLS connection whose keys are in the key log: plaintext from the
 * TlsSession goes to the same HTTP/1.x parser as clear-text traffic, or to the HTTP/2 framer, and
 * each request becomes an https flow that says it was decrypted. A session that yields no request
 * is still reported once, as a TLS flow saying why; so is one whose later records (after a
 * renegotiation without keys, a gap, a failed record) could not be decrypted.
 */
import type { TlsInfo, TlsUndecrypted } from '../../model/flow.js';
import type { RawFlow } from '../reader.js';
import { Http1Parser, type HttpEvent, type HttpMessage } from '../net/http1.js';
import { hostOnly, httpFlow, isoTime, type Endpoints } from '../net/http-flow.js';
import type { StreamEvent } from '../net/tcp-stream.js';
import { CLIENT_PREFACE, H2Connection, type H2Exchange } from '../http2/h2-connection.js';
import { h2Flow } from '../http2/h2-flow.js';
import type { AppData, TlsSession } from './tls-session.js';

export interface ClientHelloInfo {
  sni?: string;
  alpn?: string[];
  time: number;
}

export interface DecryptLimits {
  maxHead: number;
  maxBody: number;
  maxPendingRequests: number;
}

const HTTP_START = /^[A-Z]{3,10} /;

type App =
  | { kind: 'unknown'; head: Uint8Array; time: number }
  | { kind: 'http1'; requests: Http1Parser; responses: Http1Parser; open: HttpMessage[] }
  | { kind: 'h2'; h2: H2Connection }
  | { kind: 'other' };

export class DecryptedConnection {
  private app: App = { kind: 'unknown', head: new Uint8Array(0), time: 0 };
  private flows = 0;
  /** Why an HTTP/2 connection stopped being read, when it yielded no request. */
  private problemNote?: string;
  /** Server plaintext that arrived before the client's first bytes told the protocol. */
  private early: Array<{ data: Uint8Array; time: number }> = [];

  constructor(
    private readonly session: TlsSession,
    private readonly hello: ClientHelloInfo,
    private readonly ends: Endpoints,
    private readonly nameForIp: (ip: string) => string | undefined,
    private readonly limits: DecryptLimits,
    /** TLS inside an HTTP CONNECT tunnel: the target and the proxy; the server's address is then unknown. */
    private readonly via?: { target: string; proxy: string },
  ) {}

  /** Reassembled bytes of one direction (TLS records). */
  push(fromClient: boolean, event: StreamEvent, out: RawFlow[]): void {
    this.plaintext(this.session.push(fromClient, event), out);
  }

  /** Plaintext the session already gave (0-RTT data in the ClientHello's own segment). */
  plaintext(data: AppData[], out: RawFlow[]): void {
    for (const plain of data) {
      if (plain.fromClient) this.clientData(plain.data, plain.time, out);
      else this.serverData(plain.data, plain.time, out);
    }
  }

  /** The connection is over: pending requests are emitted, or one TLS flow when there were none. */
  end(out: RawFlow[]): void {
    const app = this.app;
    if (app.kind === 'unknown' && app.head.length > 0) this.decide(app.head, app.time, out, true);
    const current = this.app;
    if (current.kind === 'http1') {
      for (const e of current.requests.end()) this.request(e, out);
      for (const e of current.responses.end()) this.response(e, out);
      for (const request of current.open.splice(0)) this.emit(this.http1Flow(request, undefined), out);
    } else if (current.kind === 'h2') {
      for (const exchange of current.h2.end()) this.emit(this.h2Flow(exchange), out);
      if (current.h2.problem && this.flows === 0) this.problemNote = current.h2.problem;
    }
    // Requests were read but later records were not: the loss is reported, not left silent.
    if (this.flows === 0 || this.session.undecrypted) out.push(this.tlsFlow());
  }

  /** Why the session (or part of it) stayed encrypted; a capture without any protected record counts too. */
  private get undecrypted(): TlsUndecrypted | undefined {
    const s = this.session;
    if (s.undecrypted) return s.undecrypted;
    if (!s.decrypted) return { reason: 'handshake_not_seen', detail: 'the capture holds no protected record of this connection: it ends before the handshake completed' };
    return undefined;
  }

  /** The session as a whole: decrypted or not, and why not. */
  get tlsInfo(): TlsInfo {
    const undecrypted = this.undecrypted;
    return { ...this.sessionFacts(this.session.decrypted), ...(this.session.keysMissing ? { keysMissing: true } : {}), ...(undecrypted ? { undecrypted } : {}) };
  }

  private sessionFacts(decrypted: boolean): TlsInfo {
    const s = this.session;
    return {
      ...(this.hello.sni ? { sni: this.hello.sni } : {}),
      ...(s.versionName ? { version: s.versionName } : {}),
      ...(this.hello.alpn ? { alpn: this.hello.alpn } : {}),
      ...(s.cipherName ? { cipher: s.cipherName } : {}),
      decrypted,
    };
  }

  private tlsFlow(): RawFlow {
    const notes: string[] = [];
    const undecrypted = this.undecrypted;
    if (undecrypted?.partial) notes.push(`partly decrypted (${this.flows} request${this.flows === 1 ? '' : 's'} read); not decrypted after that: ${undecrypted.detail}`);
    else if (undecrypted) notes.push(`not decrypted: ${undecrypted.detail}`);
    else if (this.problemNote) notes.push(this.problemNote);
    else if (this.app.kind === 'other') notes.push('decrypted; the application protocol is not HTTP');
    else notes.push('decrypted; no request seen');
    const host = (this.hello.sni ?? this.serverName()).toLowerCase();
    return this.tunnelled({ time: isoTime(this.hello.time), protocol: 'tls', cleartext: false, ...this.ends, host, tls: this.tlsInfo, notes });
  }

  private emit(flow: RawFlow, out: RawFlow[]): void {
    this.flows++;
    out.push(flow);
  }

  private clientData(data: Uint8Array, time: number, out: RawFlow[]): void {
    const app = this.app;
    if (app.kind === 'unknown') {
      if (app.head.length === 0) app.time = time;
      app.head = Buffer.concat([app.head, data]);
      this.decide(app.head, app.time, out, false);
    } else if (app.kind === 'http1') {
      for (const e of app.requests.push({ data, time })) this.request(e, out);
    } else if (app.kind === 'h2') {
      for (const exchange of app.h2.push(true, data, time)) this.emit(this.h2Flow(exchange), out);
    }
  }

  private serverData(data: Uint8Array, time: number, out: RawFlow[]): void {
    const app = this.app;
    if (app.kind === 'unknown') {
      // An h2 server sends its SETTINGS at once, often before the client's first request.
      if (this.early.length < 64) this.early.push({ data, time });
    } else if (app.kind === 'http1') {
      for (const e of app.responses.push({ data, time })) this.response(e, out);
    } else if (app.kind === 'h2') {
      for (const exchange of app.h2.push(false, data, time)) this.emit(this.h2Flow(exchange), out);
    }
  }

  private decide(head: Uint8Array, time: number, out: RawFlow[], final: boolean): void {
    const preface = Buffer.from(head.subarray(0, CLIENT_PREFACE.length));
    if (preface.equals(CLIENT_PREFACE.subarray(0, preface.length)) && (preface.length === CLIENT_PREFACE.length || !final)) {
      if (preface.length < CLIENT_PREFACE.length) return;
      this.app = { kind: 'h2', h2: new H2Connection({ maxBody: this.limits.maxBody, maxStreams: 1000 }) };
    } else if (head.length < 8 && !final) {
      return;
    } else if (HTTP_START.test(Buffer.from(head.subarray(0, 12)).toString('latin1'))) {
      const open: HttpMessage[] = [];
      const options = { maxHead: this.limits.maxHead, maxBody: this.limits.maxBody };
      this.app = { kind: 'http1', open, requests: new Http1Parser('request', options), responses: new Http1Parser('response', { ...options, keepBodies: false, requestMethod: () => open[0]?.method }) };
    } else {
      this.app = { kind: 'other' };
      return;
    }
    this.clientData(head, time, out);
    for (const e of this.early.splice(0)) this.serverData(e.data, e.time, out);
  }

  private request(event: HttpEvent, out: RawFlow[]): void {
    const app = this.app;
    if (app.kind !== 'http1' || 'tunnel' in event) return;
    app.open.push(event.message);
    while (app.open.length > this.limits.maxPendingRequests) this.emit(this.http1Flow(app.open.shift()!, undefined), out);
  }

  private response(event: HttpEvent, out: RawFlow[]): void {
    const app = this.app;
    if (app.kind !== 'http1' || 'tunnel' in event) return;
    if (event.message.status !== undefined && event.message.status < 200 && event.message.status !== 101) return;
    const request = app.open.shift();
    if (request) this.emit(this.http1Flow(request, event.message), out);
  }

  private http1Flow(request: HttpMessage, response: HttpMessage | undefined): RawFlow {
    const notes = this.app.kind === 'http1' ? this.app.requests.notes.splice(0) : [];
    const flow = httpFlow(request, response, this.ends, this.nameForIp, notes);
    const target = request.target ?? '/';
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && request.method !== 'CONNECT') {
      const hostHeader = request.headers.find((h) => h.name.toLowerCase() === 'host')?.value;
      flow.url = `https://${hostHeader ?? this.defaultAuthority()}${target.startsWith('/') ? target : `/${target}`}`;
      if (!hostHeader) flow.host = hostOnly(this.hello.sni ?? this.serverName());
    }
    return this.secure(flow);
  }

  private h2Flow(exchange: H2Exchange): RawFlow {
    return this.secure(h2Flow(exchange, this.ends, this.nameForIp, { authority: this.defaultAuthority(), scheme: 'https' }));
  }

  private serverName(): string {
    if (this.via) return hostOnly(this.via.target);
    return this.nameForIp(this.ends.serverIp) ?? this.ends.serverIp;
  }

  private serverPort(): number {
    return this.via ? Number(/:(\d+)$/.exec(this.via.target)?.[1] ?? 443) : this.ends.serverPort;
  }

  /** Server name (or address) with the port when it is not 443, for requests that name no host. */
  private defaultAuthority(): string {
    const name = this.hello.sni ?? this.serverName();
    const bracketed = name.includes(':') ? `[${name}]` : name;
    return this.serverPort() === 443 ? bracketed : `${bracketed}:${this.serverPort()}`;
  }

  /** Through a proxy: the flow goes to the CONNECT target, whose address the capture does not show. */
  private tunnelled(flow: RawFlow): RawFlow {
    if (!this.via) return flow;
    delete flow.serverIp;
    flow.serverPort = this.serverPort();
    flow.notes = [...(flow.notes ?? []), `through the HTTP proxy at ${this.via.proxy} (CONNECT ${this.via.target})`];
    return flow;
  }

  /** A request read from decrypted records was decrypted; what the session lost is said on its TLS flow. */
  private secure(flow: RawFlow): RawFlow {
    flow.cleartext = false;
    flow.tls = this.sessionFacts(true);
    return this.tunnelled(flow);
  }
}
