/**
 * Classic libpcap format, sans-IO: push file chunks, get packets. All four magics are accepted
 * (micro- or nanosecond timestamps, either byte order).
 */
import { InputError } from '../../errors.js';
import type { Packet } from '../net/flow-assembler.js';
import { ChunkedParser } from './chunked-parser.js';

const MAGICS: Record<number, { little: boolean; perSecond: number }> = {
  0xa1b2c3d4: { little: false, perSecond: 1e6 },
  0xd4c3b2a1: { little: true, perSecond: 1e6 },
  0xa1b23c4d: { little: false, perSecond: 1e9 },
  0x4d3cb2a1: { little: true, perSecond: 1e9 },
};

/** The largest packet libpcap writes by default; a bigger snap length in the header raises it. */
const DEFAULT_MAX_PACKET = 262144;
const ABSOLUTE_MAX_PACKET = 16 << 20;

export function isPcapMagic(head: Uint8Array): boolean {
  return head.length >= 4 && MAGICS[Buffer.from(head.buffer, head.byteOffset, 4).readUInt32BE(0)] !== undefined;
}

export class PcapParser extends ChunkedParser<Packet> {
  private header: { little: boolean; perSecond: number; linkType: number; maxPacket: number } | undefined;
  /** Packets read so far. */
  count = 0;

  protected parse(packets: Packet[]): void {
    if (!this.header && !this.readHeader()) return;
    const h = this.header!;
    const input = this.input;
    while (input.available >= 16) {
      const capLength = input.u32(8, h.little);
      if (capLength > h.maxPacket) {
        throw new InputError(this.file, `packet ${this.count + 1} claims ${capLength} captured bytes, more than the ${h.maxPacket} a pcap packet can hold`, `byte ${input.offset}`);
      }
      if (input.available < 16 + capLength) break;
      const seconds = input.u32(0, h.little);
      const fraction = input.u32(4, h.little);
      const originalLength = input.u32(12, h.little);
      input.skip(16);
      const packet: Packet = { time: seconds + fraction / h.perSecond, linkType: h.linkType, data: input.takeBytes(capLength) };
      // Cut by the snap length: the wire length says how much is missing (a bogus one beyond 64 KiB more is ignored).
      if (originalLength > capLength && originalLength - capLength <= 65535) packet.originalLength = originalLength;
      packets.push(packet);
      this.count++;
    }
  }

  /**
   * Call at end of file. A file cut mid-record is an input fault like any other format's (the
   * README's contract: exit 2, what was read before it still reported): InputError at its offset.
   */
  end(): void {
    this.throwHeldFault();
    if (!this.header) {
      if (this.input.available < 24) throw new InputError(this.file, `pcap file header truncated (${this.input.available} of 24 bytes)`, 'byte 0');
    }
    const left = this.input.available;
    if (left === 0) return;
    throw new InputError(this.file, `the file ends inside a packet record (${left} bytes of it; truncated capture?); the ${this.count} packets before it were read`, `byte ${this.input.offset}`);
  }

  private readHeader(): boolean {
    if (this.input.available < 24) return false;
    const b = this.input.peek(24);
    const magic = MAGICS[b.readUInt32BE(0)];
    if (!magic) throw new InputError(this.file, 'not a pcap file: unknown magic number', 'byte 0');
    const major = magic.little ? b.readUInt16LE(4) : b.readUInt16BE(4);
    if (major !== 2) throw new InputError(this.file, `unsupported pcap version ${major}`, 'byte 4');
    const snapLength = magic.little ? b.readUInt32LE(16) : b.readUInt32BE(16);
    const linkField = magic.little ? b.readUInt32LE(20) : b.readUInt32BE(20);
    // The top bits of the link-type field may carry FCS information; the type is the low 16 bits.
    this.header = { ...magic, linkType: linkField & 0xffff, maxPacket: Math.min(ABSOLUTE_MAX_PACKET, Math.max(DEFAULT_MAX_PACKET, snapLength)) };
    this.input.take(24);
    return true;
  }
}
