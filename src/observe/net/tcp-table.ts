/**
 * The TCP connection table: which connection a segment belongs to, the order in which connections
 * were last active, and when each one ends (RST, a FIN from each side, a new connection on its port
 * pair, idleness, too many open). What a connection does with its bytes belongs to a runner: the
 * connections themselves on this thread, or stand-ins for connections living in reassembly workers.
 * Every decision here reads only segment headers and capture times, so it is the same wherever the
 * bytes are read.
 */
import type { RawFlow } from '../reader.js';
import type { Endpoints } from './http-flow.js';
import type { IpDatagram } from './ip.js';
import type { TcpSegment } from './transport.js';

/** What the table keeps of a connection (TcpConnection has these fields itself). */
export interface TableEntry {
  readonly ends: Endpoints;
  lastTime: number;
  /** ISN of the client's SYN, to tell a new connection on a reused port pair. */
  clientIsn?: number;
  clientDone: boolean;
  serverDone: boolean;
}

export interface ConnectionRunner<E extends TableEntry = TableEntry> {
  open(ends: Endpoints, time: number): E;
  /** Applies the segment (applySegment): on RST or the second FIN the connection closes itself. */
  segment(entry: E, fromClient: boolean, seg: TcpSegment, time: number, cut: number, out: RawFlow[]): void;
  close(entry: E, out: RawFlow[]): void;
}

export interface TableLimits {
  maxConnections: number;
  /** Seconds of capture time after which a silent connection is closed. */
  idleSeconds: number;
}

// Ports that mark the server side when the handshake was not captured.
const SERVER_PORTS = new Set([80, 443, 8080, 8000, 8008, 8443, 8888, 3128, 53, 853]);

function looksLikeClient(srcPort: number, dstPort: number): boolean {
  if (SERVER_PORTS.has(dstPort) !== SERVER_PORTS.has(srcPort)) return SERVER_PORTS.has(dstPort);
  if ((dstPort < 1024) !== (srcPort < 1024)) return dstPort < 1024;
  return true;
}

export class TcpTable<E extends TableEntry> {
  /**
   * Open connections in order of last activity, least recent first (a connection is moved to the
   * end when it sees a packet): eviction and idle sweeps take from the front in O(1) per connection.
   */
  private readonly connections = new Map<string, E>();
  /** The key of the connection moved to the end last: a burst of its packets moves nothing. */
  private recentKey: string | undefined;

  constructor(
    private readonly limits: TableLimits,
    private readonly runner: ConnectionRunner<E>,
    private readonly problem: (what: string) => void,
  ) {}

  segment(d: IpDatagram, seg: TcpSegment, time: number, out: RawFlow[], cut: number): void {
    const forward = `${d.src}|${seg.srcPort}|${d.dst}|${seg.dstPort}`;
    let key: string | undefined = forward;
    let entry = this.connections.get(forward);
    // The reverse key is built only when the packet is not in the direction the connection was keyed by.
    let backward: string | undefined;
    if (!entry) {
      backward = `${d.dst}|${seg.dstPort}|${d.src}|${seg.srcPort}`;
      entry = this.connections.get(backward);
      key = entry ? backward : undefined;
    }
    const opening = seg.syn && !seg.ack_;
    if (entry && opening && entry.clientIsn !== undefined && entry.clientIsn !== seg.seq) {
      // The port pair is reused by a new connection.
      this.runner.close(entry, out);
      this.connections.delete(key!);
      entry = undefined;
    }
    if (!entry) {
      if (!seg.syn && seg.payload.length === 0) return; // stray ACK/FIN of a connection already closed
      const senderIsClient = seg.syn ? !seg.ack_ : looksLikeClient(seg.srcPort, seg.dstPort);
      const ends = senderIsClient
        ? { clientIp: d.src, clientPort: seg.srcPort, serverIp: d.dst, serverPort: seg.dstPort }
        : { clientIp: d.dst, clientPort: seg.dstPort, serverIp: d.src, serverPort: seg.srcPort };
      entry = this.runner.open(ends, time);
      key = senderIsClient ? forward : (backward ?? `${d.dst}|${seg.dstPort}|${d.src}|${seg.srcPort}`);
      if (this.connections.size >= this.limits.maxConnections) this.evictOldest(out);
      this.connections.set(key, entry);
    }
    entry.lastTime = time;
    if (key !== this.recentKey) {
      this.connections.delete(key!);
      this.connections.set(key!, entry);
      this.recentKey = key;
    }
    const fromClient = entry.ends.clientIp === d.src && entry.ends.clientPort === seg.srcPort;
    if (seg.syn && fromClient) entry.clientIsn ??= seg.seq;
    this.runner.segment(entry, fromClient, seg, time, cut, out);
    if (seg.rst) {
      this.connections.delete(key!);
      return;
    }
    if (seg.fin) {
      // A TcpConnection has marked its side itself; a stand-in learns it here.
      if (fromClient) entry.clientDone = true;
      else entry.serverDone = true;
      if (entry.clientDone && entry.serverDone) this.connections.delete(key!);
    }
  }

  /** Closes the connections silent for longer than idleSeconds: a prefix of the map. */
  sweep(time: number, out: RawFlow[]): void {
    for (const [key, entry] of this.connections) {
      // Capture order is nearly time order; a connection active later than the limit ends the sweep.
      if (time - entry.lastTime <= this.limits.idleSeconds) break;
      this.runner.close(entry, out);
      this.connections.delete(key);
    }
  }

  /** End of the capture: every connection still open closes, least recently active first. */
  end(out: RawFlow[]): void {
    for (const entry of this.connections.values()) this.runner.close(entry, out);
    this.connections.clear();
  }

  /** Closes the least recently active connection: the first in the map. */
  private evictOldest(out: RawFlow[]): void {
    const first = this.connections.entries().next();
    if (first.done) return;
    const [key, entry] = first.value;
    this.runner.close(entry, out);
    this.connections.delete(key);
    this.problem('connections closed early because too many were open at once');
  }
}
