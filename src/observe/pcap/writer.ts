/**
 * Writes pcap and pcapng files (for tests and the example capture), and scripts TCP
 * conversations as packet lists with correct sequence numbers.
 */
import { ethernet, ip, TCP_FLAGS, tcp, type Bytes } from './packet-builder.js';

export interface TimedFrame {
  /** Seconds since the Unix epoch. */
  time: number;
  data: Bytes;
}

/** `snapLength`: frames longer than it are cut to it, their record keeping the length on the wire (as libpcap does). */
export function writePcap(frames: readonly TimedFrame[], options: { linkType?: number; nanoseconds?: boolean; bigEndian?: boolean; snapLength?: number } = {}): Uint8Array {
  const little = !options.bigEndian;
  const perSecond = options.nanoseconds ? 1e9 : 1e6;
  const parts: Buffer[] = [];
  const header = Buffer.alloc(24);
  const w32 = (b: Buffer, v: number, at: number) => (little ? b.writeUInt32LE(v >>> 0, at) : b.writeUInt32BE(v >>> 0, at));
  const w16 = (b: Buffer, v: number, at: number) => (little ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  w32(header, options.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  w16(header, 2, 4);
  w16(header, 4, 6);
  w32(header, options.snapLength ?? 262144, 16);
  w32(header, options.linkType ?? 1, 20);
  parts.push(header);
  for (const frame of frames) {
    const record = Buffer.alloc(16);
    const { seconds, fraction } = splitTime(frame.time, perSecond);
    w32(record, seconds, 0);
    w32(record, fraction, 4);
    const captured = Math.min(frame.data.length, options.snapLength ?? Infinity);
    w32(record, captured, 8);
    w32(record, frame.data.length, 12);
    parts.push(record, Buffer.from(frame.data.subarray(0, captured)));
  }
  return Buffer.concat(parts);
}

function splitTime(time: number, perSecond: number): { seconds: number; fraction: number } {
  const seconds = Math.floor(time);
  let fraction = Math.round((time - seconds) * perSecond);
  if (fraction >= perSecond) fraction = perSecond - 1;
  return { seconds, fraction };
}

export interface PcapngInterface {
  linkType: number;
  /** if_tsresol byte: 6 = microseconds (default), 9 = nanoseconds, 0x80|n = 2^-n. */
  tsresol?: number;
}

export type PcapngItem =
  | { kind: 'packet'; interfaceId: number; frame: TimedFrame; block?: 'epb' | 'pb' | 'spb' }
  | { kind: 'secrets'; typeCode: number; data: Bytes };

export function writePcapng(interfaces: readonly PcapngInterface[], items: readonly PcapngItem[], options: { bigEndian?: boolean } = {}): Uint8Array {
  const little = !options.bigEndian;
  const block = (type: number, body: Buffer): Buffer => {
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    const total = 12 + padded.length;
    const out = Buffer.alloc(total);
    const w = (v: number, at: number) => (little ? out.writeUInt32LE(v >>> 0, at) : out.writeUInt32BE(v >>> 0, at));
    w(type, 0);
    w(total, 4);
    padded.copy(out, 8);
    w(total, total - 4);
    return out;
  };
  const fields = (spec: Array<[bits: 16 | 32, value: number]>): Buffer => {
    const out = Buffer.alloc(spec.reduce((n, [bits]) => n + bits / 8, 0));
    let at = 0;
    for (const [bits, value] of spec) {
      if (bits === 16) little ? out.writeUInt16LE(value, at) : out.writeUInt16BE(value, at);
      else little ? out.writeUInt32LE(value >>> 0, at) : out.writeUInt32BE(value >>> 0, at);
      at += bits / 8;
    }
    return out;
  };
  const parts: Buffer[] = [];
  // SHB: byte-order magic, version 1.0, section length unknown (-1).
  parts.push(block(0x0a0d0d0a, Buffer.concat([fields([[32, 0x1a2b3c4d], [16, 1], [16, 0], [32, 0xffffffff], [32, 0xffffffff]])])));
  for (const iface of interfaces) {
    const options = iface.tsresol === undefined ? Buffer.alloc(0) : Buffer.concat([fields([[16, 9], [16, 1]]), Buffer.of(iface.tsresol, 0, 0, 0), fields([[16, 0], [16, 0]])]);
    parts.push(block(1, Buffer.concat([fields([[16, iface.linkType], [16, 0], [32, 262144]]), options])));
  }
  for (const item of items) {
    if (item.kind === 'secrets') {
      parts.push(block(0x0a, Buffer.concat([fields([[32, item.typeCode], [32, item.data.length]]), Buffer.from(item.data)])));
      continue;
    }
    const data = Buffer.from(item.frame.data);
    const r = interfaces[item.interfaceId]?.tsresol ?? 6;
    const perSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
    const ticks = BigInt(Math.floor(item.frame.time)) * BigInt(perSecond) + BigInt(Math.round((item.frame.time % 1) * perSecond));
    const high = Number(ticks >> 32n);
    const low = Number(ticks & 0xffffffffn);
    if (item.block === 'spb') parts.push(block(3, Buffer.concat([fields([[32, data.length]]), data])));
    else if (item.block === 'pb') parts.push(block(2, Buffer.concat([fields([[16, item.interfaceId], [16, 0], [32, high], [32, low], [32, data.length], [32, data.length]]), data])));
    else parts.push(block(6, Buffer.concat([fields([[32, item.interfaceId], [32, high], [32, low], [32, data.length], [32, data.length]]), data])));
  }
  return Buffer.concat(parts);
}

export interface Endpoint {
  ip: string;
  port: number;
}

/**
 * A scripted TCP conversation: handshake, data each way (cut into segments of `mss`), close.
 * Frames come out as Ethernet (or, with `link: 'ip'`, bare IP) with times advancing by `step`.
 */
export class TcpConversation {
  readonly frames: TimedFrame[] = [];
  private clientSeq: number;
  private serverSeq: number;

  constructor(
    readonly client: Endpoint,
    readonly server: Endpoint,
    public time: number,
    private readonly options: { mss?: number; step?: number; link?: 'ethernet' | 'ip'; isn?: [number, number]; vlans?: number[] } = {},
  ) {
    [this.clientSeq, this.serverSeq] = options.isn ?? [1000, 5000];
  }

  private frame(fromClient: boolean, flags: number, payload: Bytes, seq?: number): TimedFrame {
    const [a, b] = fromClient ? [this.client, this.server] : [this.server, this.client];
    const segment = tcp(payload, {
      src: a.ip, dst: b.ip, srcPort: a.port, dstPort: b.port,
      seq: seq ?? (fromClient ? this.clientSeq : this.serverSeq),
      ack: fromClient ? this.serverSeq : this.clientSeq,
      flags,
    });
    const packet = ip(segment, a.ip, b.ip, 6);
    const v6 = a.ip.includes(':');
    const data = this.options.link === 'ip' ? packet : ethernet(packet, { ethertype: v6 ? 0x86dd : 0x0800, vlans: this.options.vlans });
    const frame = { time: this.time, data };
    this.time += this.options.step ?? 0.001;
    return frame;
  }

  handshake(): this {
    this.frames.push(this.frame(true, TCP_FLAGS.SYN, new Uint8Array(0)));
    this.clientSeq++;
    this.frames.push(this.frame(false, TCP_FLAGS.SYN | TCP_FLAGS.ACK, new Uint8Array(0)));
    this.serverSeq++;
    this.frames.push(this.frame(true, TCP_FLAGS.ACK, new Uint8Array(0)));
    return this;
  }

  /** Segments of one message, in order; the caller may reorder or repeat `frames` afterwards. */
  send(fromClient: boolean, data: Bytes): TimedFrame[] {
    const mss = this.options.mss ?? 1400;
    const made: TimedFrame[] = [];
    for (let at = 0; at < data.length; at += mss) {
      const piece = data.subarray(at, at + mss);
      made.push(this.frame(fromClient, TCP_FLAGS.ACK | TCP_FLAGS.PSH, piece));
      if (fromClient) this.clientSeq = (this.clientSeq + piece.length) >>> 0;
      else this.serverSeq = (this.serverSeq + piece.length) >>> 0;
    }
    this.frames.push(...made);
    return made;
  }

  close(): this {
    this.frames.push(this.frame(true, TCP_FLAGS.FIN | TCP_FLAGS.ACK, new Uint8Array(0)));
    this.clientSeq++;
    this.frames.push(this.frame(false, TCP_FLAGS.FIN | TCP_FLAGS.ACK, new Uint8Array(0)));
    this.serverSeq++;
    this.frames.push(this.frame(true, TCP_FLAGS.ACK, new Uint8Array(0)));
    return this;
  }
}
