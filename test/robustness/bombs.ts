/** Decompression bombs built cheaply: 1 GiB of zeros as gzip, deflate (zlib and raw) and brotli. */
import { once } from 'node:events';
import { constants, createBrotliCompress, deflateRawSync, gzipSync } from 'node:zlib';

export const GIB = 1 << 30;
const PIECE = 16 << 20;

/** gzip allows concatenated members: 64 copies of one 16 MiB member (~1 MB) inflate to 1 GiB. */
export function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(PIECE), { level: 9 });
  return Buffer.concat(Array.from({ length: GIB / PIECE }, () => member));
}

/** A full flush ends a deflate block on a byte boundary with an empty history: copies chain into one stream. */
export function deflateBomb(zlibWrapped: boolean): Buffer {
  const block = deflateRawSync(Buffer.alloc(PIECE), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const last = Buffer.from([1, 0, 0, 0xff, 0xff]); // final, empty stored block
  const raw = Buffer.concat([...Array.from({ length: GIB / PIECE }, () => block), last]);
  // The Adler-32 of a GiB of zeros is never reached: the bound stops inflation long before.
  return zlibWrapped ? Buffer.concat([Buffer.from([0x78, 0xda]), raw, Buffer.alloc(4)]) : raw;
}

export async function brotliBomb(): Promise<Buffer> {
  const compressor = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
  const parts: Buffer[] = [];
  compressor.on('data', (d: Buffer) => parts.push(d));
  const zeros = Buffer.alloc(PIECE);
  for (let i = 0; i < GIB / PIECE; i++) {
    if (!compressor.write(zeros)) await new Promise((r) => compressor.once('drain', r));
  }
  const ended = once(compressor, 'end');
  compressor.end();
  await ended;
  return Buffer.concat(parts);
}
