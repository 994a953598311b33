/**
 * Content-Encoding removal (gzip, x-gzip, deflate — zlib-wrapped or raw —, br, identity), with a
 * bound on the output so a compression bomb cannot exhaust memory.
 */
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib';

export interface Decoded {
  bytes: Uint8Array;
  problem?: string;
}

export const DEFAULT_MAX_DECODED = 32 << 20;

export function decodeContent(bytes: Uint8Array, encodingHeader: string | undefined, maxOutput = DEFAULT_MAX_DECODED): Decoded {
  if (!encodingHeader) return { bytes };
  // Codings are listed in the order applied; undo them from the last.
  const codings = encodingHeader
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse();
  let current = bytes;
  for (const coding of codings) {
    const step = decodeOne(current, coding, maxOutput);
    if (step.problem) return step;
    current = step.bytes;
  }
  return { bytes: current };
}

function decodeOne(bytes: Uint8Array, coding: string, maxOutputLength: number): Decoded {
  const whole = tryDecode(bytes, coding, maxOutputLength, false);
  if (!whole.problem?.includes('unexpected end of file')) return whole;
  // A cut-off stream (capture ended, TCP gap): keep what inflates, and say so.
  const partial = tryDecode(bytes, coding, maxOutputLength, true);
  return partial.problem ? partial : { bytes: partial.bytes, problem: `${coding} body is truncated; decoded the first ${partial.bytes.length} bytes` };
}

function tryDecode(bytes: Uint8Array, coding: string, maxOutputLength: number, partial: boolean): Decoded {
  const options: ZlibOptions = partial ? { maxOutputLength, finishFlush: constants.Z_SYNC_FLUSH } : { maxOutputLength };
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return { bytes: gunzipSync(bytes, options) };
    if (coding === 'deflate') {
      // RFC 9110 deflate is zlib-wrapped, but some servers send raw deflate.
      const zlibWrapped = bytes.length >= 2 && (bytes[0]! & 0x0f) === 8 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0;
      return { bytes: zlibWrapped ? inflateSync(bytes, options) : inflateRawSync(bytes, options) };
    }
    if (coding === 'br') {
      return { bytes: brotliDecompressSync(bytes, partial ? { maxOutputLength, finishFlush: constants.BROTLI_OPERATION_FLUSH } : { maxOutputLength }) };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      return { bytes, problem: `${coding} body decodes to more than ${maxOutputLength} bytes; left encoded` };
    }
    if (code?.startsWith('Z_') || code?.startsWith('ERR__')) {
      return { bytes, problem: `${coding} body could not be decoded (${(error as Error).message}); left encoded` };
    }
    throw error;
  }
  return { bytes, problem: `unknown content encoding "${coding}"; left as is` };
}
