/** Reads a file as a sequence of chunks (bounded memory), reporting progress. */
import { open } from 'node:fs/promises';
import { fileErrorReason, InputError } from '../../errors.js';
import type { ReadContext } from '../reader.js';

export const CHUNK_SIZE = 1 << 20;

export async function* fileChunks(path: string, ctx: Pick<ReadContext, 'progress' | 'input'>, chunkSize = CHUNK_SIZE): AsyncGenerator<Buffer> {
  if (ctx.input) {
    // A pipe or standard input: its chunks as they come (parsers take any chunk boundaries).
    let read = 0;
    for await (const chunk of ctx.input.chunks) {
      read += chunk.length;
      yield chunk;
      ctx.progress?.(read);
    }
    return;
  }
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new InputError(path, fileErrorReason(error) ?? (error as Error).message);
  }
  try {
    let total = 0;
    for (;;) {
      // A fresh buffer per chunk: parsers hand out views into it.
      const buffer = Buffer.allocUnsafe(chunkSize);
      const { bytesRead } = await handle.read(buffer, 0, chunkSize, null);
      if (bytesRead === 0) return;
      total += bytesRead;
      yield buffer.subarray(0, bytesRead);
      ctx.progress?.(total);
    }
  } finally {
    await handle.close();
  }
}
