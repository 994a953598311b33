/**
 * pcapng (draft-ietf-opsawg-pcapng), sans-IO: push file chunks, get packets and decryption
 * secrets. Sections may differ in byte order; each has its own interfaces with their link type and
 * timestamp resolution (if_tsresol) and offset (if_tsoffset). Enhanced, Simple and the obsolete
 * Packet blocks carry packets; Decryption Secrets Blocks carry TLS key logs and the like.
 */
import { InputError } from '../../errors.js';
import type { Packet } from '../net/flow-assembler.js';
import { ChunkedParser } from './chunked-parser.js';

export const BLOCK = { SHB: 0x0a0d0d0a, IDB: 1, PB: 2, SPB: 3, EPB: 6, DSB: 0x0a } as const;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Blocks larger than this are treated as corruption, not allocated. */
const MAX_BLOCK = 64 << 20;

export interface DecryptionSecrets {
  /** Secrets type code: 0x544c534b TLS key log, 0x57474b4c WireGuard, … */
  typeCode: number;
  type: string;
  data: Uint8Array;
  /** File offset of the block. */
  offset: number;
}

const SECRET_TYPES: Record<number, string> = { 0x544c534b: 'tls-keylog', 0x57474b4c: 'wireguard', 0x5a4e574b: 'zigbee-nwk', 0x5a415053: 'zigbee-aps' };

export type PcapngEvent = { packet: Packet } | { secrets: DecryptionSecrets };

interface Interface {
  linkType: number;
  /** Timestamp units per second. */
  perSecond: number;
  offsetSeconds: number;
}

export function isPcapngMagic(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x0a && head[1] === 0x0d && head[2] === 0x0d && head[3] === 0x0a;
}

export class PcapngParser extends ChunkedParser<PcapngEvent> {
  private little = true;
  private sectionSeen = false;
  private interfaces: Interface[] = [];
  private lastTime = 0;
  count = 0;

  protected parse(events: PcapngEvent[]): void {
    while (this.input.available >= 12) {
      const head = this.input.peek(12);
      const start = this.input.offset;
      let type = head.readUInt32LE(0);
      if (type === BLOCK.SHB) this.sectionByteOrder(head, start);
      else if (!this.sectionSeen) throw new InputError(this.file, 'not a pcapng file: it does not start with a Section Header Block', 'byte 0');
      type = this.little ? head.readUInt32LE(0) : head.readUInt32BE(0);
      const length = this.little ? head.readUInt32LE(4) : head.readUInt32BE(4);
      if (length < 12 || length % 4 !== 0 || length > MAX_BLOCK) {
        throw new InputError(this.file, `block of type 0x${type.toString(16)} has an impossible length ${length}`, `byte ${start}`);
      }
      if (this.input.available < length) break;
      const block = this.input.take(length);
      const trailer = this.little ? block.readUInt32LE(length - 4) : block.readUInt32BE(length - 4);
      if (trailer !== length) {
        throw new InputError(this.file, `block length ${length} does not match its trailing copy ${trailer}`, `byte ${start}`);
      }
      this.block(type, block.subarray(8, length - 4), start, events);
    }
  }

  /** Call at end of file: a file cut mid-block is an InputError at its offset (see PcapParser.end). */
  end(): void {
    this.throwHeldFault();
    if (!this.sectionSeen) throw new InputError(this.file, 'pcapng section header truncated', 'byte 0');
    const left = this.input.available;
    if (left === 0) return;
    throw new InputError(this.file, `the file ends inside a block (${left} bytes of it; truncated capture?); the ${this.count} packets before it were read`, `byte ${this.input.offset}`);
  }

  private sectionByteOrder(head: Buffer, start: number): void {
    const magic = head.readUInt32LE(8);
    if (magic === BYTE_ORDER_MAGIC) this.little = true;
    else if (head.readUInt32BE(8) === BYTE_ORDER_MAGIC) this.little = false;
    else throw new InputError(this.file, 'Section Header Block has a bad byte-order magic', `byte ${start + 8}`);
    this.sectionSeen = true;
    this.interfaces = [];
  }

  private u16(b: Buffer, at: number): number {
    return this.little ? b.readUInt16LE(at) : b.readUInt16BE(at);
  }

  private u32(b: Buffer, at: number): number {
    return this.little ? b.readUInt32LE(at) : b.readUInt32BE(at);
  }

  private block(type: number, body: Buffer, start: number, events: PcapngEvent[]): void {
    const short = (need: number) => {
      if (body.length < need) throw new InputError(this.file, `block of type 0x${type.toString(16)} is too short for its fields`, `byte ${start}`);
    };
    switch (type) {
      case BLOCK.SHB:
        return;
      case BLOCK.IDB: {
        short(8);
        this.interfaces.push(this.interfaceOptions(this.u16(body, 0), body.subarray(8)));
        return;
      }
      case BLOCK.EPB:
      case BLOCK.PB: {
        short(20);
        const capLength = this.u32(body, 12);
        if (20 + capLength > body.length) throw new InputError(this.file, `packet claims ${capLength} bytes, more than its block holds`, `byte ${start}`);
        // Same layout but for the interface id: 32 bits in an Enhanced Packet Block, 16 (then drops) in the obsolete Packet Block.
        const iface = type === BLOCK.EPB ? this.u32(body, 0) : this.u16(body, 0);
        this.packet(iface, this.u32(body, 4), this.u32(body, 8), body.subarray(20, 20 + capLength), start, events, this.u32(body, 16));
        return;
      }
      case BLOCK.SPB: {
        short(4);
        const original = this.u32(body, 0);
        const iface = this.iface(0, start);
        // No timestamp in a Simple Packet Block: reuse the last one seen.
        const data = body.subarray(4, 4 + Math.min(original, body.length - 4));
        events.push({ packet: { time: this.lastTime, linkType: iface.linkType, data, ...(original > data.length && original - data.length <= 65535 ? { originalLength: original } : {}) } });
        this.count++;
        return;
      }
      case BLOCK.DSB: {
        short(8);
        const typeCode = this.u32(body, 0);
        const length = this.u32(body, 4);
        if (8 + length > body.length) throw new InputError(this.file, `secrets claim ${length} bytes, more than their block holds`, `byte ${start}`);
        events.push({ secrets: { typeCode, type: SECRET_TYPES[typeCode] ?? `0x${typeCode.toString(16)}`, data: Uint8Array.from(body.subarray(8, 8 + length)), offset: start } });
        return;
      }
      default:
        return; // statistics, name resolution, custom blocks: nothing to observe
    }
  }

  private iface(id: number, start: number): Interface {
    const iface = this.interfaces[id];
    if (!iface) throw new InputError(this.file, `packet refers to interface ${id}, which was not described`, `byte ${start}`);
    return iface;
  }

  private packet(id: number, high: number, low: number, data: Buffer, start: number, events: PcapngEvent[], originalLength: number): void {
    const iface = this.iface(id, start);
    const ticks = high * 4294967296 + low;
    const whole = Math.floor(ticks / iface.perSecond);
    const time = whole + (ticks - whole * iface.perSecond) / iface.perSecond + iface.offsetSeconds;
    this.lastTime = time;
    const packet: Packet = { time, linkType: iface.linkType, data };
    // Cut by the snap length: the wire length says how much is missing (a bogus one beyond 64 KiB more is ignored).
    if (originalLength > data.length && originalLength - data.length <= 65535) packet.originalLength = originalLength;
    events.push({ packet });
    this.count++;
  }

  private interfaceOptions(linkType: number, options: Buffer): Interface {
    const iface: Interface = { linkType, perSecond: 1e6, offsetSeconds: 0 };
    for (let at = 0; at + 4 <= options.length; ) {
      const code = this.u16(options, at);
      const length = this.u16(options, at + 2);
      if (code === 0) break;
      const value = options.subarray(at + 4, at + 4 + length);
      if (code === 9 && length >= 1) {
        const r = value[0]!;
        iface.perSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
      } else if (code === 14 && length >= 8) {
        iface.offsetSeconds = Number(this.little ? value.readBigInt64LE(0) : value.readBigInt64BE(0));
      }
      at += 4 + Math.ceil(length / 4) * 4;
    }
    return iface;
  }
}
