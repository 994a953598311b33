/**
 * Packets → flows (sans-IO): link layer, IP (with fragment reassembly), DNS (UDP port 53, DNS
 * recognised by its content on other UDP ports, and over TCP), QUIC Initials and TCP connections. Feed packets in capture order with `packet()`, then call `end()`; both return the
 * flows completed by that call. Every buffer is bounded; problems are counted and summarised by
 * `warnings()` instead of failing the capture.
 */
import type { RawFlow } from '../reader.js';
import { looksLikeDns, parseDns } from './dns.js';
import { DnsTracker } from './dns-tracker.js';
import { IpDecoder, type IpDatagram } from './ip.js';
import { decodeLink, isSupportedLinkType } from './link.js';
import { DEFAULT_CONNECTION_LIMITS, TcpConnection, type ConnectionLimits } from './tcp-connection.js';
import { parseTcp, parseUdp, type TcpSegment } from './transport.js';
import { looksLikeQuicInitial, quicLongHeader } from './quic-initial.js';
import { QuicTracker } from './quic-tracker.js';
import type { KeyLog } from '../tls/keylog.js';

export interface Packet {
  /** Capture time in seconds since the Unix epoch (fractional). */
  time: number;
  linkType: number;
  data: Uint8Array;
  /** Length on the wire, when the capture says and it exceeds data's: the packet was cut by the snap length. */
  originalLength?: number;
}

export interface AssemblerLimits extends ConnectionLimits {
  maxConnections: number;
  /** Seconds of capture time after which a silent connection is closed. */
  idleSeconds: number;
  maxPendingDnsQueries: number;
  /** Address → DNS name entries remembered for naming servers. */
  maxDnsNames: number;
}

export const DEFAULT_LIMITS: AssemblerLimits = {
  ...DEFAULT_CONNECTION_LIMITS,
  maxConnections: 100_000,
  idleSeconds: 600,
  maxPendingDnsQueries: 10_000,
  maxDnsNames: 100_000,
};

// Ports that mark the server side when the handshake was not captured.
const SERVER_PORTS = new Set([80, 443, 8080, 8000, 8008, 8443, 8888, 3128, 53, 853]);

export class FlowAssembler {
  private readonly ip = new IpDecoder();
  /**
   * Open connections in order of last activity, least recent first (a connection is moved to the
   * end when it sees a packet): eviction and idle sweeps take from the front in O(1) per connection.
   */
  private readonly connections = new Map<string, TcpConnection>();
  /** The key of the connection moved to the end last: a burst of its packets moves nothing. */
  private recentKey: string | undefined;
  private readonly dnsTracker: DnsTracker;
  private readonly quic = new QuicTracker();
  private readonly problems = new Map<string, { count: number; first: number }>();
  private packets = 0;
  private lastSweep = 0;

  constructor(
    private readonly limits: AssemblerLimits = DEFAULT_LIMITS,
    /** TLS secrets (a key log file, a pcapng's Decryption Secrets Blocks); may grow while reading. */
    private readonly keylog?: KeyLog,
  ) {
    this.dnsTracker = new DnsTracker(limits);
    this.nameForIp = this.dnsTracker.nameForIp;
  }

  /** The DNS name last answered for an address in this capture. */
  readonly nameForIp: (ip: string) => string | undefined;

  /** A DNS message carried by UDP or TCP between two ends. */
  readonly dnsMessage = (payload: Uint8Array, src: { ip: string; port: number }, dst: { ip: string; port: number }, time: number, transport: 'udp' | 'tcp', out: RawFlow[]): void => {
    const message = parseDns(payload);
    if (typeof message === 'string') return this.problem(`DNS messages not understood (${message})`);
    this.dnsTracker.message(message, src, dst, time, transport, out);
  };

  packet(p: Packet): RawFlow[] {
    this.packets++;
    const out: RawFlow[] = [];
    if (!isSupportedLinkType(p.linkType)) {
      this.problem(`packets with unsupported link type ${p.linkType} skipped`);
      return out;
    }
    const link = decodeLink(p.linkType, p.data);
    if (!link) return out; // not IP (ARP, LLDP, …): nothing to observe
    // A packet cut at capture time: its missing bytes are the end of its payload, read as a gap.
    const cut = p.originalLength !== undefined && p.originalLength > p.data.length ? p.originalLength - p.data.length : 0;
    if (cut > 0) this.problem("packets cut short by the capture's snap length (the bytes not captured are gaps; the request lines and headers captured are still read)");
    const result = this.ip.decode(link, p.time);
    if ('malformed' in result) this.problem(`malformed packets skipped (${result.malformed})`);
    else if ('datagram' in result) this.datagram(result.datagram, p.time, out, cut);
    if (p.time - this.lastSweep > 60) this.sweep(p.time, out);
    return out;
  }

  end(): RawFlow[] {
    const out: RawFlow[] = [];
    for (const connection of this.connections.values()) connection.close(out);
    this.connections.clear();
    this.dnsTracker.end(out);
    out.push(...this.quic.end(this.nameForIp));
    if (this.ip.pendingDatagrams > 0) this.problem(`${this.ip.pendingDatagrams} fragmented IP datagrams incomplete at the end`);
    return out;
  }

  /** One line per kind of problem met, with counts. */
  warnings(): string[] {
    const list = [...this.problems].map(([what, { count, first }]) => `${count} × ${what} (first at packet ${first})`);
    if (this.ip.droppedFragmentedDatagrams > 0) list.push(`${this.ip.droppedFragmentedDatagrams} fragmented IP datagrams never completed`);
    return list;
  }

  private problem(what: string): void {
    const seen = this.problems.get(what);
    if (seen) seen.count++;
    else this.problems.set(what, { count: 1, first: this.packets });
  }

  private datagram(d: IpDatagram, time: number, out: RawFlow[], cut: number): void {
    if (d.protocol === 17) {
      const udp = parseUdp(d.payload);
      if (typeof udp === 'string') return this.problem(`malformed packets skipped (${udp})`);
      if (udp.srcPort === 53 || udp.dstPort === 53 || (!looksLikeQuicInitial(udp.payload) && looksLikeDns(udp.payload))) {
        this.dnsMessage(udp.payload, { ip: d.src, port: udp.srcPort }, { ip: d.dst, port: udp.dstPort }, time, 'udp', out);
      } else if (looksLikeQuicInitial(udp.payload) || quicLongHeader(udp.payload)) {
        const ends = { clientIp: d.src, clientPort: udp.srcPort, serverIp: d.dst, serverPort: udp.dstPort };
        const result = this.quic.initial(udp.payload, ends, time, this.nameForIp);
        // Server Initials fail client-key authentication by design: not a problem worth reporting.
        if (result && typeof result !== 'string') out.push(result);
      }
    } else if (d.protocol === 6) {
      const tcp = parseTcp(d.payload);
      if (typeof tcp === 'string') return this.problem(`malformed packets skipped (${tcp})`);
      this.tcp(d, tcp, time, out, cut);
    }
  }

  private tcp(d: IpDatagram, seg: TcpSegment, time: number, out: RawFlow[], cut: number): void {
    const forward = `${d.src}|${seg.srcPort}|${d.dst}|${seg.dstPort}`;
    let key: string | undefined = forward;
    let connection = this.connections.get(forward);
    // The reverse key is built only when the packet is not in the direction the connection was keyed by.
    let backward: string | undefined;
    if (!connection) {
      backward = `${d.dst}|${seg.dstPort}|${d.src}|${seg.srcPort}`;
      connection = this.connections.get(backward);
      key = connection ? backward : undefined;
    }
    const opening = seg.syn && !seg.ack_;
    if (connection && opening && connection.clientIsn !== undefined && connection.clientIsn !== seg.seq) {
      // The port pair is reused by a new connection.
      connection.close(out);
      this.connections.delete(key!);
      connection = undefined;
    }
    if (!connection) {
      if (!seg.syn && seg.payload.length === 0) return; // stray ACK/FIN of a connection already closed
      const senderIsClient = seg.syn ? !seg.ack_ : this.looksLikeClient(seg.srcPort, seg.dstPort);
      const ends = senderIsClient
        ? { clientIp: d.src, clientPort: seg.srcPort, serverIp: d.dst, serverPort: seg.dstPort }
        : { clientIp: d.dst, clientPort: seg.dstPort, serverIp: d.src, serverPort: seg.srcPort };
      connection = new TcpConnection(ends, time, this.nameForIp, this.limits, this.keylog, this.dnsMessage);
      key = senderIsClient ? forward : (backward ?? `${d.dst}|${seg.dstPort}|${d.src}|${seg.srcPort}`);
      if (this.connections.size >= this.limits.maxConnections) this.evictOldest(out);
      this.connections.set(key, connection);
    }
    connection.lastTime = time;
    if (key !== this.recentKey) {
      this.connections.delete(key!);
      this.connections.set(key!, connection);
      this.recentKey = key;
    }
    const fromClient = connection.ends.clientIp === d.src && connection.ends.clientPort === seg.srcPort;
    const stream = fromClient ? connection.toServer : connection.toClient;
    if (seg.syn) {
      stream.syn(seg.seq);
      if (fromClient) connection.clientIsn ??= seg.seq;
    }
    if (connection.wants(fromClient)) {
      const events = stream.push(seg.syn ? (seg.seq + 1) % 2 ** 32 : seg.seq, seg.payload, time, cut);
      if (fromClient) connection.fromClient(events, out);
      else connection.fromServer(events, out);
    }
    if (seg.rst) {
      connection.close(out);
      this.connections.delete(key!);
      return;
    }
    if (seg.fin) {
      if (fromClient) connection.endClient(out);
      else connection.endServer(out);
      if (connection.clientDone && connection.serverDone) {
        connection.close(out);
        this.connections.delete(key!);
      }
    }
  }

  private looksLikeClient(srcPort: number, dstPort: number): boolean {
    if (SERVER_PORTS.has(dstPort) !== SERVER_PORTS.has(srcPort)) return SERVER_PORTS.has(dstPort);
    if ((dstPort < 1024) !== (srcPort < 1024)) return dstPort < 1024;
    return true;
  }

  /** Closes the least recently active connection: the first in the map. */
  private evictOldest(out: RawFlow[]): void {
    const first = this.connections.entries().next();
    if (first.done) return;
    const [key, connection] = first.value;
    connection.close(out);
    this.connections.delete(key);
    this.problem('connections closed early because too many were open at once');
  }

  /** Closes the connections silent for longer than idleSeconds: a prefix of the map. */
  private sweep(time: number, out: RawFlow[]): void {
    this.lastSweep = time;
    for (const [key, c] of this.connections) {
      // Capture order is nearly time order; a connection active later than the limit ends the sweep.
      if (time - c.lastTime <= this.limits.idleSeconds) break;
      c.close(out);
      this.connections.delete(key);
    }
  }
}
