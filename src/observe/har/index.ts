/**
 * HAR 1.2 reader (plain `.har`, and mitmproxy's `.zhar`, which is the same JSON zlib-deflated).
 * Streams: entries are cut out of the file one at a time by the incremental scanner, each long
 * string (a 500 MB body) kept only up to a bounded prefix, so memory stays bounded whatever the file
 * and its entries hold; the flow notes what was cut.
 */
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { constants as zlibConstants, createInflate, inflateSync } from 'node:zlib';
import { open } from 'node:fs/promises';
import { fileErrorReason, InputError } from '../../errors.js';
import type { CaptureReader, RawFlow, ReadContext } from '../reader.js';
import { JsonArrayScanner, JsonScanError } from '../json-stream/array-scanner.js';
import { harEntryToFlow, HarEntryProblem } from './entry.js';
import { noteCuts } from '../json-stream/cut-notes.js';

const CHUNK = 1 << 20;

/** zlib stream header: CM=8 and the 16-bit check is a multiple of 31 (RFC 1950). */
export function isZlibHeader(head: Uint8Array): boolean {
  return head.length >= 2 && (head[0]! & 0x0f) === 8 && ((head[0]! << 8) | head[1]!) % 31 === 0;
}

/** `{` after an optional BOM and whitespace, and "log" as the first property name (its value is checked while reading, for a precise error). */
export function looksLikeHarText(head: Uint8Array): boolean {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const text = Buffer.from(head.subarray(start, start + 512)).toString('utf8');
  return /^\s*\{\s*"log"\s*:/.test(text);
}

function inflateHead(head: Uint8Array): Uint8Array | undefined {
  try {
    // A prefix of the stream: SYNC_FLUSH returns what inflates so far instead of failing.
    // Only the first 4 KB: enough to see `{"log":`, and at most ~4 MB inflated however it was built.
    return inflateSync(head.subarray(0, 4096), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) return undefined;
    throw error;
  }
}

function sniff(head: Uint8Array): boolean {
  if (looksLikeHarText(head)) return true;
  if (!isZlibHeader(head)) return false;
  const inflated = inflateHead(head);
  return inflated !== undefined && looksLikeHarText(inflated);
}

async function* read(path: string, ctx: ReadContext): AsyncIterable<RawFlow> {
  const head = ctx.input?.head ?? (await firstBytes(path));
  const compressed = isZlibHeader(head) && !looksLikeHarText(head);
  const file = ctx.input ? Readable.from(ctx.input.chunks, { objectMode: false }) : createReadStream(path, { highWaterMark: CHUNK });
  const counted = countBytes(file, ctx);
  // pipeline() (unlike pipe()) tears every stage down when one fails; its errors reach us through the
  // inflater we iterate, so the callback has nothing left to do.
  const inflater = compressed ? createInflate() : undefined;
  if (inflater) pipeline(Readable.from(counted), inflater, () => {});
  const source: AsyncIterable<unknown> = inflater ?? counted;
  const scanner = new JsonArrayScanner(['log', 'entries']);
  // Offsets in a .zhar are positions in the inflated JSON; say so in messages.
  const unit = compressed ? 'byte (inflated)' : 'byte';
  try {
    for await (const chunk of source) {
      let elements;
      try {
        elements = scanner.push(chunk as Buffer);
      } catch (error) {
        throw asInputError(error, path, scanner.count, unit);
      }
      for (const element of elements) {
        let entry: unknown;
        try {
          entry = JSON.parse(element.text);
        } catch (error) {
          const message = (error as Error).message;
          // V8 names the character position inside the entry; turn it into a file byte offset.
          const at = /position (\d+)/.exec(message);
          const offset = element.offset + (at ? Buffer.byteLength(element.text.slice(0, Number(at[1]))) : 0);
          throw new InputError(path, `entry ${element.index} is not valid JSON: ${message}`, `entry ${element.index}, ${unit} ${offset}`);
        }
        let flow: RawFlow;
        try {
          flow = harEntryToFlow(entry);
        } catch (error) {
          if (!(error instanceof HarEntryProblem)) throw error;
          ctx.warn(`entry ${element.index} skipped: ${error.message}`);
          continue;
        }
        noteCuts(flow, element.cuts, (steps) => steps.join('.') === 'request.postData.text');
        yield flow;
      }
    }
    try {
      scanner.end();
    } catch (error) {
      throw asInputError(error, path, scanner.count, unit);
    }
    // A complete document followed by something else (two HARs joined, a log line appended): the
    // entries stand; what follows is not read.
    if (scanner.trailingAt !== undefined) ctx.warn(`data after the end of the HAR document (${unit} ${scanner.trailingAt}) was ignored; the ${scanner.count} entries before it were read`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code?.startsWith('Z_')) throw new InputError(path, `compressed HAR does not inflate: ${(error as Error).message}`, `entry ${scanner.count}`);
    const reason = fileErrorReason(error);
    if (reason) throw new InputError(path, reason);
    throw error;
  } finally {
    inflater?.destroy();
    file.destroy();
  }
}

/** Passes the file's chunks through, reporting progress in file bytes. */
async function* countBytes(file: Readable, ctx: ReadContext): AsyncIterable<Buffer> {
  let bytesRead = 0;
  for await (const chunk of file) {
    bytesRead += (chunk as Buffer).length;
    ctx.progress?.(bytesRead);
    yield chunk as Buffer;
  }
}

async function firstBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(path, fileErrorReason(error) ?? error.message);
  });
  try {
    const buffer = Buffer.alloc(16);
    const { bytesRead } = await handle.read(buffer, 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function asInputError(error: unknown, path: string, entry: number, unit: string): unknown {
  if (!(error instanceof JsonScanError)) return error;
  return new InputError(path, `not a readable HAR: ${error.detail}`, `entry ${entry}, ${unit} ${error.offset}`);
}

export const harReader: CaptureReader = {
  format: 'har',
  sniff,
  read,
};
