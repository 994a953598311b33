/**
 * mitmproxy stores bodies as they were sent, content-encoding included; flows carry decoded
 * bytes, so gzip / deflate / br are undone here (identity and unknown codings are kept as is).
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

export interface Decoded {
  bytes: Buffer;
  problem?: string;
}

function decodeOne(coding: string, data: Buffer): Buffer {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(data);
    case 'deflate':
      // Servers send both zlib-wrapped and raw deflate under this name.
      return data.length >= 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0 ? inflateSync(data) : inflateRawSync(data);
    case 'br':
      return brotliDecompressSync(data);
    default:
      return data;
  }
}

/** Undoes a Content-Encoding header value ("gzip", "deflate, br", …), last coding first. */
export function decodeContent(data: Buffer, contentEncoding: string | undefined): Decoded {
  if (!contentEncoding || data.length === 0) return { bytes: data };
  const codings = contentEncoding.toLowerCase().split(',').map((c) => c.trim()).filter((c) => c && c !== 'identity');
  let bytes = data;
  for (const coding of codings.reverse()) {
    try {
      bytes = decodeOne(coding, bytes);
    } catch (error) {
      return { bytes: data, problem: `content-encoding ${coding} does not decode: ${(error as Error).message}` };
    }
  }
  return { bytes };
}
