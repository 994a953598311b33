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
import { ipv6Packed } from './bytes.js';
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

/**
 * A connection's key from one direction: both addresses and ports packed as 16-bit character codes
 * (6 for IPv4, 18 for IPv6), a short flat string that is quick to make and to hash, unlike the
 * texts of the addresses joined.
 */
function directionKey(d: IpDatagram, srcPort: number, dstPort: number, reverse: boolean): string {
  const h = d.header;
  if (d.version === 4) {
    const s0 = (h[12]! << 8) | h[13]!, s1 = (h[14]! << 8) | h[15]!, d0 = (h[16]! << 8) | h[17]!, d1 = (h[18]! << 8) | h[19]!;
    return reverse ? String.fromCharCode(d0, d1, s0, s1, dstPort, srcPort) : String.fromCharCode(s0, s1, d0, d1, srcPort, dstPort);
  }
  const src = ipv6Packed(h, 8);
  const dst = ipv6Packed(h, 24);
  return reverse ? dst + src + String.fromCharCode(dstPort, srcPort) : src + dst + String.fromCharCode(srcPort, dstPort);
}

function looksLikeClient(srcPort: number, dstPort: number): boolean {
  if (SERVER_PORTS.has(dstPort) !== SERVER_PORTS.has(srcPort)) return SERVER_PORTS.has(dstPort);
  if ((dstPort < 1024) !== (srcPort < 1024)) return dstPort < 1024;
  return true;
}

/** A connection in the table's list, least recently active first. */
interface Slot<E> {
  readonly key: string;
  readonly entry: E;
  older: Slot<E> | undefined;
  newer: Slot<E> | undefined;
}

export class TcpTable<E extends TableEntry> {
  /** Open connections by key. */
  private readonly connections = new Map<string, Slot<E>>();
  /**
   * The same connections in order of last activity: each packet moves its connection to the
   * newest end of a linked list (a few pointer writes, where a Map delete and set rehashed the key
   * twice). Eviction and idle sweeps take from the oldest end in O(1) per connection.
   */
  private oldest: Slot<E> | undefined;
  private newest: Slot<E> | undefined;

  constructor(
    private readonly limits: TableLimits,
    private readonly runner: ConnectionRunner<E>,
    private readonly problem: (what: string) => void,
  ) {}

  segment(d: IpDatagram, seg: TcpSegment, time: number, out: RawFlow[], cut: number): void {
    const forward = directionKey(d, seg.srcPort, seg.dstPort, false);
    let slot = this.connections.get(forward);
    // The reverse key is made only when the packet is not in the direction the connection was keyed by.
    let backward: string | undefined;
    if (!slot) {
      backward = directionKey(d, seg.srcPort, seg.dstPort, true);
      slot = this.connections.get(backward);
    }
    const opening = seg.syn && !seg.ack_;
    if (slot && opening && slot.entry.clientIsn !== undefined && slot.entry.clientIsn !== seg.seq) {
      // The port pair is reused by a new connection.
      this.runner.close(slot.entry, out);
      this.remove(slot);
      slot = undefined;
    }
    if (!slot) {
      if (!seg.syn && seg.payload.length === 0) return; // stray ACK/FIN of a connection already closed
      const senderIsClient = seg.syn ? !seg.ack_ : looksLikeClient(seg.srcPort, seg.dstPort);
      const ends = senderIsClient
        ? { clientIp: d.src, clientPort: seg.srcPort, serverIp: d.dst, serverPort: seg.dstPort }
        : { clientIp: d.dst, clientPort: seg.dstPort, serverIp: d.src, serverPort: seg.srcPort };
      const entry = this.runner.open(ends, time);
      const key = senderIsClient ? forward : (backward ?? directionKey(d, seg.srcPort, seg.dstPort, true));
      if (this.connections.size >= this.limits.maxConnections) this.evictOldest(out);
      slot = { key, entry, older: undefined, newer: undefined };
      this.connections.set(key, slot);
      this.append(slot);
    } else if (slot !== this.newest) {
      this.unlink(slot);
      this.append(slot);
    }
    const entry = slot.entry;
    entry.lastTime = time;
    const fromClient = entry.ends.clientIp === d.src && entry.ends.clientPort === seg.srcPort;
    if (seg.syn && fromClient) entry.clientIsn ??= seg.seq;
    this.runner.segment(entry, fromClient, seg, time, cut, out);
    if (seg.rst) {
      this.remove(slot);
      return;
    }
    if (seg.fin) {
      // A TcpConnection has marked its side itself; a stand-in learns it here.
      if (fromClient) entry.clientDone = true;
      else entry.serverDone = true;
      if (entry.clientDone && entry.serverDone) this.remove(slot);
    }
  }

  /** Closes the connections silent for longer than idleSeconds: the oldest end of the list. */
  sweep(time: number, out: RawFlow[]): void {
    // Capture order is nearly time order; a connection active later than the limit ends the sweep.
    while (this.oldest && time - this.oldest.entry.lastTime > this.limits.idleSeconds) {
      const slot = this.oldest;
      this.runner.close(slot.entry, out);
      this.remove(slot);
    }
  }

  /** End of the capture: every connection still open closes, least recently active first. */
  end(out: RawFlow[]): void {
    for (let slot = this.oldest; slot; slot = slot.newer) this.runner.close(slot.entry, out);
    this.connections.clear();
    this.oldest = this.newest = undefined;
  }

  /** Closes the least recently active connection. */
  private evictOldest(out: RawFlow[]): void {
    const slot = this.oldest;
    if (!slot) return;
    this.runner.close(slot.entry, out);
    this.remove(slot);
    this.problem('connections closed early because too many were open at once');
  }

  /** Takes a listed connection out of the map and the list (each caller holds one still listed). */
  private remove(slot: Slot<E>): void {
    this.connections.delete(slot.key);
    this.unlink(slot);
  }

  private append(slot: Slot<E>): void {
    slot.older = this.newest;
    slot.newer = undefined;
    if (this.newest) this.newest.newer = slot;
    else this.oldest = slot;
    this.newest = slot;
  }

  private unlink(slot: Slot<E>): void {
    if (slot.older) slot.older.newer = slot.newer;
    else this.oldest = slot.newer;
    if (slot.newer) slot.newer.older = slot.older;
    else this.newest = slot.older;
    slot.older = slot.newer = undefined;
  }
}
