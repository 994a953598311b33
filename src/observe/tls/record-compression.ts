/**
 * TLS DEFLATE record compression (RFC 3749): one zlib stream per direction, each record ending on
 * a sync flush. Node has no synchronous streaming inflate, so the stream so far is inflated again
 * for each record and the new output taken; bounded, since only old servers ever negotiated it.
 */
import { constants, inflateSync } from 'node:zlib';

const MAX_COMPRESSED = 4 << 20;
/** A compressed stream may not inflate past this (a 4 MB bomb would otherwise reach GBs). */
const MAX_INFLATED = 64 << 20;

export class RecordInflater {
  private compressed: Uint8Array[] = [];
  private compressedBytes = 0;
  private produced = 0;

  /** The record's decompressed bytes, or a reason when the stream cannot be inflated. */
  inflate(record: Uint8Array): Uint8Array | string {
    if (record.length === 0) return record;
    this.compressedBytes += record.length;
    if (this.compressedBytes > MAX_COMPRESSED) return 'compressed TLS stream longer than the bound: decompression stopped';
    this.compressed.push(Uint8Array.from(record));
    let all: Buffer;
    try {
      all = inflateSync(Buffer.concat(this.compressed), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_INFLATED });
    } catch (error) {
      return `TLS record decompression failed (${(error as Error).message})`;
    }
    const fresh = all.subarray(this.produced);
    this.produced = all.length;
    return fresh;
  }
}
