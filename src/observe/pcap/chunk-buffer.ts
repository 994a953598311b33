/**
 * Pending bytes of a streamed file, cut into records by the pcap and pcapng parsers.
 * Tracks the file offset of its first byte so errors can name the byte.
 */
export class ChunkBuffer {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** File offset of buf[pos]. */
  offset = 0;

  push(chunk: Uint8Array): void {
    const rest = this.buf.subarray(this.pos);
    this.buf = rest.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length) : Buffer.concat([rest, chunk]);
    this.pos = 0;
  }

  get available(): number {
    return this.buf.length - this.pos;
  }

  /** A view of the next n bytes without consuming them (n must be ≤ available). */
  peek(n: number): Buffer {
    return this.buf.subarray(this.pos, this.pos + n);
  }

  /** The 32-bit number `at` bytes past the next byte, without making a view (per-record headers). */
  u32(at: number, little: boolean): number {
    return little ? this.buf.readUInt32LE(this.pos + at) : this.buf.readUInt32BE(this.pos + at);
  }

  skip(n: number): void {
    this.pos += n;
    this.offset += n;
  }

  /**
   * The next n bytes as a plain Uint8Array view, consumed: packet data is sliced again by every
   * layer, and a Uint8Array's subarray is much cheaper than a Buffer's.
   */
  takeBytes(n: number): Uint8Array {
    const piece = new Uint8Array(this.buf.buffer, this.buf.byteOffset + this.pos, n);
    this.pos += n;
    this.offset += n;
    return piece;
  }

  take(n: number): Buffer {
    const piece = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.offset += n;
    return piece;
  }
}
