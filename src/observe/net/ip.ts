/**
 * IPv4 and IPv6 headers → transport payloads, with bounded fragment reassembly
 * (RFC 791 fragments and the IPv6 Fragment extension header share one reassembler).
 */
import { ipv4ToString, ipv6Packed, ipv6ToString, u16, u32 } from './bytes.js';
import type { LinkPayload } from './link.js';

export interface IpDatagram {
  version: 4 | 6;
  src: string;
  dst: string;
  /** The IP header as captured: the addresses as bytes (at 12 and 16 in IPv4, 8 and 24 in IPv6). */
  header: Uint8Array;
  /** Transport protocol number (6 TCP, 17 UDP, …). */
  protocol: number;
  payload: Uint8Array;
}

export type IpResult = { datagram: IpDatagram } | { pending: true } | { malformed: string };

export interface FragmentLimits {
  /** Datagrams being reassembled at once; the oldest is dropped beyond this. */
  maxDatagrams: number;
  /** Seconds (capture time) a partial datagram waits for its other fragments. */
  timeoutSeconds: number;
}

const MAX_DATAGRAM = 65535 + 40;
/** Address texts remembered; past this many the memory starts again (a scan of many hosts). */
const MAX_REMEMBERED_ADDRESSES = 1 << 16;

interface Partial {
  first: IpDatagram;
  pieces: Map<number, Uint8Array>;
  totalLength?: number;
  received: number;
  started: number;
}

/** The text of the address at b[at], from `texts` or made by `format` and kept (no closure per packet). */
function remembered<K>(texts: Map<K, string>, address: K, format: (b: Uint8Array, at: number) => string, b: Uint8Array, at: number): string {
  let text = texts.get(address);
  if (text === undefined) {
    if (texts.size >= MAX_REMEMBERED_ADDRESSES) texts.clear();
    text = format(b, at);
    texts.set(address, text);
  }
  return text;
}

export class IpDecoder {
  private readonly partials = new Map<string, Partial>();
  /**
   * Each address's text, made once: a capture's packets come from few hosts, and one text per
   * address also makes the connection table's comparisons of addresses pointer comparisons.
   */
  private readonly v4Texts = new Map<number, string>();
  private readonly v6Texts = new Map<string, string>();
  /** Fragments dropped because their datagram never completed (evicted or timed out). */
  droppedFragmentedDatagrams = 0;

  constructor(private readonly limits: FragmentLimits = { maxDatagrams: 1024, timeoutSeconds: 30 }) {}

  decode(link: LinkPayload, time: number): IpResult {
    return link.version === 4 ? this.ipv4(link.bytes, time) : this.ipv6(link.bytes, time);
  }

  private ipv4(b: Uint8Array, time: number): IpResult {
    if (b.length < 20) return { malformed: 'IPv4 header shorter than 20 bytes' };
    if (b[0]! >> 4 !== 4) return { malformed: `bad IPv4 version ${b[0]! >> 4}` };
    const headerLength = (b[0]! & 0x0f) * 4;
    const totalLength = u16(b, 2);
    if (headerLength < 20 || totalLength < headerLength || b.length < headerLength) {
      return { malformed: 'impossible IPv4 header or total length' };
    }
    // Ethernet pads short frames; a snap length cuts long ones: take what is both declared and present.
    const end = Math.min(totalLength, b.length);
    const datagram: IpDatagram = {
      version: 4,
      src: this.v4Text(b, 12),
      dst: this.v4Text(b, 16),
      header: b,
      protocol: b[9]!,
      payload: b.subarray(headerLength, end),
    };
    const flags = u16(b, 6);
    const moreFragments = (flags & 0x2000) !== 0;
    const offset = (flags & 0x1fff) * 8;
    if (!moreFragments && offset === 0) return { datagram };
    const key = `4|${datagram.src}|${datagram.dst}|${datagram.protocol}|${u16(b, 4)}`;
    return this.fragment(key, datagram, offset, moreFragments, time);
  }

  private v4Text(b: Uint8Array, at: number): string {
    return remembered(this.v4Texts, u32(b, at), ipv4ToString, b, at);
  }

  private v6Text(b: Uint8Array, at: number): string {
    return remembered(this.v6Texts, ipv6Packed(b, at), ipv6ToString, b, at);
  }

  private ipv6(b: Uint8Array, time: number): IpResult {
    if (b.length < 40) return { malformed: 'IPv6 header shorter than 40 bytes' };
    if (b[0]! >> 4 !== 6) return { malformed: `bad IPv6 version ${b[0]! >> 4}` };
    const end = Math.min(40 + u16(b, 4), b.length);
    const src = this.v6Text(b, 8);
    const dst = this.v6Text(b, 24);
    let next = b[6]!;
    let at = 40;
    let fragment: { offset: number; more: boolean; id: number } | undefined;
    // Walk the extension-header chain to the transport header.
    for (;;) {
      if (next === 0 || next === 43 || next === 60) {
        if (at + 2 > end) return { malformed: 'truncated IPv6 extension header' };
        const following = b[at]!;
        at += (b[at + 1]! + 1) * 8;
        next = following;
      } else if (next === 51) {
        if (at + 2 > end) return { malformed: 'truncated IPv6 authentication header' };
        const following = b[at]!;
        at += (b[at + 1]! + 2) * 4;
        next = following;
      } else if (next === 44) {
        if (at + 8 > end) return { malformed: 'truncated IPv6 fragment header' };
        const word = u16(b, at + 2);
        fragment = { offset: word & 0xfff8, more: (word & 1) !== 0, id: u32(b, at + 4) };
        next = b[at]!;
        at += 8;
      } else break;
      if (at > end) return { malformed: 'IPv6 extension headers run past the packet' };
    }
    const datagram: IpDatagram = { version: 6, src, dst, header: b, protocol: next, payload: b.subarray(at, end) };
    if (!fragment || (fragment.offset === 0 && !fragment.more)) return { datagram };
    return this.fragment(`6|${src}|${dst}|${fragment.id}`, datagram, fragment.offset, fragment.more, time);
  }

  private fragment(key: string, piece: IpDatagram, offset: number, more: boolean, time: number): IpResult {
    this.expire(time);
    let partial = this.partials.get(key);
    if (!partial) {
      if (this.partials.size >= this.limits.maxDatagrams) {
        const oldest = this.partials.keys().next().value as string;
        this.partials.delete(oldest);
        this.droppedFragmentedDatagrams++;
      }
      partial = { first: piece, pieces: new Map(), received: 0, started: time };
      this.partials.set(key, partial);
    }
    if (offset + piece.payload.length > MAX_DATAGRAM) {
      this.partials.delete(key);
      return { malformed: 'IP fragments add up to more than 64 KiB' };
    }
    if (offset === 0) partial.first = piece;
    if (!partial.pieces.has(offset)) {
      // Copy: the frame buffer is reused by the reader.
      partial.pieces.set(offset, Uint8Array.from(piece.payload));
      partial.received += piece.payload.length;
    }
    if (!more) partial.totalLength = offset + piece.payload.length;
    if (partial.totalLength === undefined || partial.received < partial.totalLength) return { pending: true };
    const whole = new Uint8Array(partial.totalLength);
    let covered = 0;
    for (const at of [...partial.pieces.keys()].sort((a, b) => a - b)) {
      if (at > covered) return { pending: true };
      const bytes = partial.pieces.get(at)!;
      whole.set(bytes.subarray(0, Math.max(0, Math.min(bytes.length, whole.length - at))), at);
      covered = Math.max(covered, at + bytes.length);
    }
    if (covered < partial.totalLength) return { pending: true };
    this.partials.delete(key);
    return { datagram: { ...partial.first, payload: whole } };
  }

  private expire(time: number): void {
    for (const [key, partial] of this.partials) {
      if (time - partial.started <= this.limits.timeoutSeconds) break;
      this.partials.delete(key);
      this.droppedFragmentedDatagrams++;
    }
  }

  /** Datagrams still incomplete at the end of the capture. */
  get pendingDatagrams(): number {
    return this.partials.size;
  }
}
