/**
 * Streams a text file as lines (LF or CRLF, 1-based numbers), holding at most one line in memory:
 * a line longer than maxLineBytes is an InputError naming it rather than a growing buffer.
 */
import { createReadStream } from 'node:fs';
import { fileErrorReason, InputError } from '../errors.js';

export interface TextLine {
  number: number;
  text: string;
}

export async function* textLines(path: string, maxLineBytes: number, progress?: (bytesRead: number) => void): AsyncIterable<TextLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  let bytesRead = 0;
  const line = (): TextLine => {
    let text = Buffer.concat(pending).toString('utf8');
    pending = [];
    pendingBytes = 0;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (number === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { number: ++number, text };
  };
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const buf = chunk as Buffer;
      bytesRead += buf.length;
      progress?.(bytesRead);
      let from = 0;
      for (let nl = buf.indexOf(0x0a, from); nl >= 0; nl = buf.indexOf(0x0a, from)) {
        pending.push(buf.subarray(from, nl));
        pendingBytes += nl - from;
        if (pendingBytes > maxLineBytes) throw new InputError(path, `line longer than ${maxLineBytes} bytes`, `line ${number + 1}`);
        yield line();
        from = nl + 1;
      }
      if (from < buf.length) {
        pending.push(buf.subarray(from));
        pendingBytes += buf.length - from;
        if (pendingBytes > maxLineBytes) throw new InputError(path, `line longer than ${maxLineBytes} bytes`, `line ${number + 1}`);
      }
    }
  } catch (error) {
    const reason = fileErrorReason(error);
    if (reason) throw new InputError(path, reason);
    throw error;
  }
  if (pendingBytes > 0) yield line();
}
