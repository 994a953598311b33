/**
 * Reads a local policy file within a size limit counted as the bytes arrive, not from the file's
 * size: a pipe (`<(…)`), a FIFO or a device (`/dev/zero`) reports size 0 and would otherwise be read
 * until memory runs out. Reading stops at the first byte past the limit.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileErrorReason, InputError } from '../errors.js';

const CHUNK = 64 * 1024;

export async function readBounded(path: string, name: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(name, 'is a directory, not a policy file');
    // A regular file says its size up front: refuse before reading any of it.
    if (info.isFile() && info.size > maxBytes) throw new InputError(name, `file is ${info.size} bytes, over the limit of ${maxBytes}`);
    const parts: Buffer[] = [];
    let total = 0;
    const stream = createReadStream(path, { highWaterMark: CHUNK });
    try {
      for await (const chunk of stream) {
        total += (chunk as Buffer).length;
        if (total > maxBytes) throw new InputError(name, `more than ${maxBytes} bytes (the limit for a policy); reading stopped there`, `byte ${maxBytes}`);
        parts.push(chunk as Buffer);
      }
    } finally {
      stream.destroy();
    }
    return Buffer.concat(parts, total);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const reason = fileErrorReason(error);
    if (reason) throw new InputError(name, reason);
    throw error;
  }
}
