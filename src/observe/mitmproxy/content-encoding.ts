/**
 * mitmproxy stores bodies as they were sent, content-encoding included; flows carry decoded
 * bytes, so gzip / deflate / br are undone here (identity and unknown codings are kept as is).
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

export interface Decoded {
  bytes: Buffer;
  problem?: string;
}

/** Bound on a decoded body: a few KB of gzip can claim gigabytes (a decompression bomb). */
export const MAX_DECODED = 32 << 20;

function decodeOne(coding: string, data: Buffer, maxOutputLength: number): Buffer {
  const options = { maxOutputLength };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(data, options);
    case 'deflate':
      // Servers send both zlib-wrapped and raw deflate under this name.
      return data.length >= 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0 ? inflateSync(data, options) : inflateRawSync(data, options);
    case 'br':
      return brotliDecompressSync(data, options);
    default:
      return data;
  }
}

/** Undoes a Content-Encoding header value ("gzip", "deflate, br", …), last coding first. */
export function decodeContent(data: Buffer, contentEncoding: string | undefined, maxOutput = MAX_DECODED): Decoded {
  if (!contentEncoding || data.length === 0) return { bytes: data };
  const codings = contentEncoding.toLowerCase().split(',').map((c) => c.trim()).filter((c) => c && c !== 'identity');
  let bytes = data;
  for (const coding of codings.reverse()) {
    try {
      bytes = decodeOne(coding, bytes, maxOutput);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return { bytes: data, problem: `content-encoding ${coding} decodes to more than ${maxOutput} bytes; left encoded` };
      }
      return { bytes: data, problem: `content-encoding ${coding} does not decode: ${(error as Error).message}` };
    }
  }
  return { bytes };
}
