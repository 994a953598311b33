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
import { parseTcp, parseUdp } from './transport.js';
import { TcpTable, type ConnectionRunner, type TableEntry } from './tcp-table.js';
import { applySegment, type SegmentFields } from './connection-segment.js';
import type { Endpoints } from './http-flow.js';
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

/** TCP connections read on this thread. */
export class LocalConnections implements ConnectionRunner<TcpConnection> {
  constructor(
    private readonly nameForIp: (ip: string) => string | undefined,
    private readonly limits: ConnectionLimits,
    private readonly keylog: KeyLog | undefined,
    private readonly dns: FlowAssembler['dnsMessage'],
  ) {}

  open(ends: Endpoints, time: number): TcpConnection {
    return new TcpConnection(ends, time, this.nameForIp, this.limits, this.keylog, this.dns);
  }

  segment(connection: TcpConnection, fromClient: boolean, seg: SegmentFields, time: number, cut: number, out: RawFlow[]): void {
    applySegment(connection, fromClient, seg, time, cut, out);
  }

  close(connection: TcpConnection, out: RawFlow[]): void {
    connection.close(out);
  }
}

/** How a sharded reader takes TCP connections off this thread (src/observe/net/shard/). */
export interface ShardHooks {
  /** The runner of the TCP table; `local` runs connections on this thread. */
  runner(local: LocalConnections): ConnectionRunner<TableEntry>;
  /** Told of every address → name a DNS answer teaches, in order. */
  onName(ip: string, name: string): void;
}

export class FlowAssembler {
  private readonly ip = new IpDecoder();
  private readonly table: TcpTable<TableEntry>;
  private readonly dnsTracker: DnsTracker;
  private readonly quic = new QuicTracker();
  private readonly problems = new Map<string, { count: number; first: number }>();
  private packets = 0;
  private lastSweep = 0;

  constructor(
    limits: AssemblerLimits = DEFAULT_LIMITS,
    /** TLS secrets (a key log file, a pcapng's Decryption Secrets Blocks); may grow while reading. */
    keylog?: KeyLog,
    shards?: ShardHooks,
  ) {
    this.dnsTracker = new DnsTracker(limits, shards?.onName);
    this.nameForIp = this.dnsTracker.nameForIp;
    const local = new LocalConnections(this.nameForIp, limits, keylog, this.dnsMessage);
    this.table = new TcpTable<TableEntry>(limits, shards ? shards.runner(local) : local, (what) => this.problem(what));
  }

  /** The DNS name last answered for an address in this capture. */
  readonly nameForIp: (ip: string) => string | undefined;

  /** The address → name answers learnt so far, least recent first (to seed a reassembly worker's copy). */
  learntNames(): IterableIterator<[string, string]> {
    return this.dnsTracker.learntNames();
  }

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
    if (p.time - this.lastSweep > 60) {
      this.lastSweep = p.time;
      this.table.sweep(p.time, out);
    }
    return out;
  }

  end(): RawFlow[] {
    const out: RawFlow[] = [];
    this.table.end(out);
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
      this.table.segment(d, tcp, time, out, cut);
    }
  }
}
