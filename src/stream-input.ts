/**
 * Inputs that are not regular files: `-` (standard input), pipes, FIFOs, `<(…)` process
 * substitution, /dev/stdin, character devices. They are read once, in order: reading at an offset
 * fails (ESPIPE) and a second open sees nothing, so a format is sniffed from a buffered prefix and
 * that prefix is replayed in front of the rest of the stream.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** The name that stands for standard input, as in most Unix tools. */
export const STDIN = '-';

/** How an input is named in messages: `-` alone would read as a typo. */
export function displayName(source: string): string {
  return source === STDIN ? '<stdin>' : source;
}

/** True for a regular file (read at offsets, reopened freely); false for `-`, pipes and devices. */
export async function isRegularFile(source: string): Promise<boolean> {
  if (source === STDIN) return false;
  try {
    return (await stat(source)).isFile();
  } catch {
    // A missing file is reported by whoever opens it, with the reason; here it just is not regular.
    return false;
  }
}

export interface BufferedInput {
  /** The first bytes (up to the size asked for, less at the end of the input). */
  head: Buffer;
  /** Every byte of the input, the head included, in order. Can be iterated once. */
  chunks: AsyncIterable<Buffer>;
}

function openStream(source: string, highWaterMark: number): Readable {
  return source === STDIN ? process.stdin : createReadStream(source, { highWaterMark });
}

/** Reads the first `headBytes` of a stream-like input and keeps them for replay. Open errors (ENOENT, EACCES) are thrown as they come. */
export async function bufferedInput(source: string, headBytes: number, highWaterMark = 1 << 20): Promise<BufferedInput> {
  const stream = openStream(source, highWaterMark);
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const parts: Buffer[] = [];
  let size = 0;
  let ended = false;
  try {
    while (size < headBytes) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      parts.push(chunk);
      size += chunk.length;
    }
  } catch (error) {
    stream.destroy();
    throw error;
  }
  const head = Buffer.concat(parts);
  let used = false;
  async function* chunks(): AsyncGenerator<Buffer> {
    if (used) throw new Error(`${displayName(source)} can be read only once`);
    used = true;
    try {
      if (head.length > 0) yield head;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      }
    } finally {
      // Stops reading when the consumer stops early (a fault); standard input is left to the process.
      if (source !== STDIN) stream.destroy();
    }
  }
  return { head: head.subarray(0, Math.min(head.length, headBytes)), chunks: chunks() };
}

/** Reads a whole stream-like input, refusing more than `maxBytes` (counted as the bytes arrive: a pipe has no size to check first). */
export async function readWholeInput(source: string, maxBytes: number, onTooLarge: (limit: number) => Error): Promise<Buffer> {
  const stream = openStream(source, 1 << 16);
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > maxBytes) throw onTooLarge(maxBytes);
      parts.push(bytes);
    }
  } finally {
    if (source !== STDIN) stream.destroy();
  }
  return Buffer.concat(parts);
}
