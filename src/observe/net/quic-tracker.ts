/**
 * Collects the ClientHello of each QUIC connection from its client Initial packets (it may span
 * several, also after the client switched to the server's connection id) and produces one `quic`
 * flow per connection, named by the SNI. A connection whose server name cannot be read — its
 * ClientHello incomplete in the capture, a version whose Initials cannot be opened — is still
 * reported at the end, named by its address, with the reason.
 */
import type { TlsUndecrypted } from '../../model/flow.js';
import type { RawFlow } from '../reader.js';
import { isoTime } from './http-flow.js';
import { cryptoFrames, looksLikeQuicInitial, openInitial, quicLongHeader, quicVersionName } from './quic-initial.js';
import { parseClientHello } from './tls-hello.js';

/** A connection whose ClientHello is being collected, or whose Initials could not be read. */
interface Pending {
  ends: QuicEnds;
  time: number;
  version: number;
  /** The client's first Destination Connection ID: every client Initial's keys derive from it. */
  keyDcid?: Uint8Array;
  pieces: Map<number, Uint8Array>;
  bytes: number;
  /** Why its Initials could not be opened, when none could. */
  unreadable?: TlsUndecrypted;
}

export interface QuicEnds {
  clientIp: string;
  clientPort: number;
  serverIp: string;
  serverPort: number;
}

const MAX_HELLO = 1 << 16;
/** RFC 9000 §14.1: a client pads the datagrams of its Initial packets to at least this. */
const MIN_CLIENT_INITIAL = 1200;
/** Ports of QUIC servers: an unreadable long header is reported only towards one of them. */
const QUIC_PORTS = new Set([443, 80, 8443, 4433]);
const NOT_DECRYPTED: TlsUndecrypted = { reason: 'quic', detail: "QUIC is not decrypted: privdiff reads the server name from the client's Initial packets only" };

export class QuicTracker {
  /** By the connection's 4-tuple. */
  private readonly pending = new Map<string, Pending>();
  /** 4-tuple and key DCID of connections already reported. */
  private readonly done = new Set<string>();

  constructor(private readonly maxConnections = 10_000) {}

  /**
   * A UDP payload with a QUIC long header; returns the flow once the ClientHello is complete, a
   * reason when a client Initial of a readable version does not open, undefined otherwise.
   */
  initial(payload: Uint8Array, ends: QuicEnds, time: number, nameForIp: (ip: string) => string | undefined = () => undefined): RawFlow | string | undefined {
    const header = quicLongHeader(payload);
    if (!header) return undefined;
    const tuple = `${ends.clientIp}|${ends.clientPort}|${ends.serverIp}|${ends.serverPort}`;
    let p = this.pending.get(tuple);
    if (!header.known) {
      if (!p && payload.length >= MIN_CLIENT_INITIAL && QUIC_PORTS.has(ends.serverPort) && !this.done.has(`${tuple}|v${header.version}`)) {
        const unreadable: TlsUndecrypted = { reason: 'unsupported_version', detail: `QUIC version ${quicVersionName(header.version)} is not one privdiff can read (v1, v2 and drafts 23–34 are), so the ClientHello and server name stay unknown` };
        this.track(tuple, { ends, time, version: header.version, pieces: new Map(), bytes: 0, unreadable });
        this.done.add(`${tuple}|v${header.version}`);
      }
      return undefined;
    }
    // A readable version's other packet types (Handshake, 0-RTT) carry no ClientHello.
    if (!looksLikeQuicInitial(payload)) return undefined;
    let packet = openInitial(payload);
    if (typeof packet === 'string' && p?.keyDcid) packet = openInitial(payload, p.keyDcid);
    if (typeof packet === 'string') {
      // Server Initials fail with client keys by design; a client's failing towards a QUIC port is worth saying.
      if (!p && payload.length >= MIN_CLIENT_INITIAL && QUIC_PORTS.has(ends.serverPort) && !this.done.has(`${tuple}|${hex(header.dcid)}`)) {
        this.track(tuple, { ends, time, version: header.version, keyDcid: Uint8Array.from(header.dcid), pieces: new Map(), bytes: 0, unreadable: { reason: 'protocol_error', detail: "the client's Initial packets did not decrypt with the keys their connection id gives, so the server name stays unknown" } });
      }
      return packet;
    }
    const doneKey = `${tuple}|${hex(packet.dcid)}`;
    if (this.done.has(doneKey)) return undefined;
    if (!p || (p.keyDcid && hex(p.keyDcid) !== hex(packet.dcid))) {
      p = { ends, time, version: packet.version, keyDcid: packet.dcid, pieces: new Map(), bytes: 0 };
      this.track(tuple, p);
    }
    delete p.unreadable;
    p.keyDcid ??= packet.dcid;
    for (const frame of cryptoFrames(packet.payload)) {
      if (frame.offset + frame.data.length > MAX_HELLO || p.pieces.has(frame.offset)) continue;
      p.pieces.set(frame.offset, Uint8Array.from(frame.data));
      p.bytes += frame.data.length;
    }
    const stream = contiguous(p);
    if (stream.length < 4) return undefined;
    if (stream[0] !== 1) return this.malformed(tuple, doneKey, p, 'the first QUIC CRYPTO message is not a ClientHello', nameForIp);
    const need = 4 + ((stream[1]! << 16) | (stream[2]! << 8) | stream[3]!);
    if (stream.length < need) return undefined;
    const hello = parseClientHello(stream.subarray(4, need));
    if (typeof hello === 'string') return this.malformed(tuple, doneKey, p, `the QUIC ClientHello is malformed (${hello})`, nameForIp);
    this.finish(tuple, doneKey);
    const tls = { ...(hello.sni ? { sni: hello.sni } : {}), ...(hello.alpn ? { alpn: hello.alpn } : {}), version: '1.3', decrypted: false, undecrypted: NOT_DECRYPTED };
    const flow: RawFlow = { time: isoTime(p.time), protocol: 'quic', cleartext: false, ...ends, host: (hello.sni ?? ends.serverIp).toLowerCase(), tls };
    if (p.version !== 1) flow.notes = [`QUIC version ${quicVersionName(p.version)}`];
    return flow;
  }

  /** End of the capture: every connection whose server name was not read, named by its address with the reason. */
  end(nameForIp: (ip: string) => string | undefined): RawFlow[] {
    const flows = [...this.pending.values()].map((p) => this.unnamed(p, nameForIp));
    this.pending.clear();
    return flows;
  }

  private unnamed(p: Pending, nameForIp: (ip: string) => string | undefined): RawFlow {
    const seen = contiguous(p).length;
    const undecrypted: TlsUndecrypted = p.unreadable ?? {
      reason: 'handshake_not_seen',
      detail: seen > 0 ? `the ClientHello is not complete in the captured Initial packets (${seen} bytes of it seen), so the server name stays unknown` : 'no ClientHello was found in the captured Initial packets, so the server name stays unknown',
    };
    const name = nameForIp(p.ends.serverIp);
    const flow: RawFlow = { time: isoTime(p.time), protocol: 'quic', cleartext: false, ...p.ends, host: (name ?? p.ends.serverIp).toLowerCase(), tls: { decrypted: false, undecrypted }, notes: [`server name unknown: ${undecrypted.detail}${name ? `; named by the DNS answer for ${p.ends.serverIp}` : ''}`] };
    return flow;
  }

  private track(tuple: string, p: Pending): void {
    if (!this.pending.has(tuple) && this.pending.size >= this.maxConnections) this.pending.delete(this.pending.keys().next().value as string);
    this.pending.set(tuple, p);
  }

  /** A ClientHello that cannot be read: the connection is reported by its address, saying so. */
  private malformed(tuple: string, doneKey: string, p: Pending, detail: string, nameForIp: (ip: string) => string | undefined): RawFlow {
    this.finish(tuple, doneKey);
    return this.unnamed({ ...p, unreadable: { reason: 'protocol_error', detail: `${detail}, so the server name stays unknown` } }, nameForIp);
  }

  private finish(tuple: string, doneKey: string): void {
    this.pending.delete(tuple);
    this.done.add(doneKey);
    if (this.done.size > this.maxConnections) this.done.delete(this.done.values().next().value as string);
  }
}

function contiguous(p: Pending): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const offset of [...p.pieces.keys()].sort((a, b) => a - b)) {
    if (offset > at) break;
    const data = p.pieces.get(offset)!;
    if (offset + data.length > at) parts.push(data.subarray(at - offset));
    at = Math.max(at, offset + data.length);
  }
  return Buffer.concat(parts);
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}
