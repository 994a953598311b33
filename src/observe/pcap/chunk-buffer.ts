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

  take(n: number): Buffer {
    const piece = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.offset += n;
    return piece;
  }
}
