/**
 * privdiff's own JSON Lines flow format: one RawFlow per line, documented and validated by
 * schemas/jsonl-flow.schema.json. Lets any tool (Frida hooks, a custom proxy, a converter) feed flows
 * in. Streams line by line; a bad line is an InputError naming the line.
 */
import { createReadStream } from 'node:fs';
import { fileErrorReason, InputError } from '../../errors.js';
import type { CaptureReader, RawFlow, ReadContext } from '../reader.js';
import { jsonlToFlow } from './codec.js';
import { CappedJsonValue, CappedValueError, type CutString } from '../json-stream/capped-value.js';
import { noteCuts } from '../json-stream/cut-notes.js';
import { describeSchemaError, jsonlFlowValidator } from './schema.js';

export { flowToJsonl, jsonlToFlow } from './codec.js';

const CHUNK = 1 << 20;
const PROTOCOLS = new Set(['http', 'dns', 'tls', 'quic']);

function isFlowObject(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o.time === 'string' && typeof o.host === 'string' && PROTOCOLS.has(o.protocol as string);
}

/** `{` first, and a complete first line that is an object with our fields. */
function sniff(head: Uint8Array): boolean {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (head[start] !== 0x7b) return false;
  const newline = head.indexOf(0x0a, start);
  if (newline < 0) {
    // A first line longer than the sniffed head (a big body): our writer puts these keys first.
    const text = Buffer.from(head.subarray(start, start + 4096)).toString('utf8');
    return head.length >= 65536 && /^\{"time":"[^"]*","protocol":"(http|dns|tls|quic)"/.test(text);
  }
  const first = Buffer.from(head.subarray(start, newline)).toString('utf8');
  try {
    return isFlowObject(JSON.parse(first));
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

/**
 * Splits a byte stream into lines (LF or CRLF), with 1-based line numbers. Each line is read as one
 * JSON value whose long strings are cut to a bounded prefix as the bytes arrive (capped-value.ts), so
 * a 200 MB body on one line costs its prefix, not the line; bytes after the value on the same line
 * are kept whole only while they are few (they make the line invalid JSON anyway).
 */
async function* lines(path: string, ctx: ReadContext): AsyncIterable<{ number: number; text: string; cuts: CutString[] }> {
  let number = 1;
  let bytesRead = 0;
  let value = new CappedJsonValue();
  let after: Buffer[] = [];
  let afterBytes = 0;
  const finishLine = () => {
    const tail = Buffer.concat(after).toString('utf8');
    const text = `${value.text()}${tail}`;
    const line = { number: number++, text: text.endsWith('\r') ? text.slice(0, -1) : text, cuts: value.cuts };
    after = [];
    afterBytes = 0;
    return line;
  };
  for await (const chunk of ctx.input?.chunks ?? createReadStream(path, { highWaterMark: CHUNK })) {
    const buf = chunk as Buffer;
    const base = bytesRead;
    bytesRead += buf.length;
    ctx.progress?.(bytesRead);
    // A byte-order mark before the first line is not part of its value.
    let from = base === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    while (from < buf.length) {
      const nl = buf.indexOf(0x0a, from);
      const stop = nl < 0 ? buf.length : nl;
      const piece = buf.subarray(0, stop);
      if (!value.done) {
        let end: number;
        try {
          end = value.feed(piece, from, base);
        } catch (error) {
          if (error instanceof CappedValueError) throw new InputError(path, error.detail, `line ${number}, byte ${error.offset}`);
          throw error;
        }
        from = end < 0 ? stop : end;
      }
      if (from < stop) {
        // After the value: kept (bounded) so that JSON.parse names what is wrong with the line.
        if (afterBytes < MAX_AFTER) after.push(piece.subarray(from, Math.min(stop, from + MAX_AFTER - afterBytes)));
        afterBytes += stop - from;
        from = stop;
      }
      if (nl < 0) break;
      yield finishLine();
      value = new CappedJsonValue();
      from = nl + 1;
    }
  }
  if (value.started || afterBytes > 0) yield finishLine();
}

/** Bytes after a line's JSON value that are kept for the error message. */
const MAX_AFTER = 1024;

async function* read(path: string, ctx: ReadContext): AsyncIterable<RawFlow> {
  const validate = jsonlFlowValidator();
  try {
    for await (const { number, text, cuts } of lines(path, ctx)) {
      const body = number === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (body.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch (error) {
        throw new InputError(path, `not JSON: ${(error as Error).message}`, `line ${number}`);
      }
      if (!validate(value)) throw new InputError(path, describeSchemaError(validate.errors, value), `line ${number}`);
      // The date-time format admits what Date cannot hold (a leap second, offsets past ±24 h).
      const time = (value as { time: string }).time;
      if (Number.isNaN(Date.parse(time))) throw new InputError(path, `/time "${time}" is not a representable date and time`, `line ${number}`);
      const flow = jsonlToFlow(value as Record<string, unknown>);
      noteCuts(flow, cuts, (steps) => steps.join('.') === 'requestBody.text' || steps.join('.') === 'requestBody.base64');
      yield flow;
    }
  } catch (error) {
    const reason = fileErrorReason(error);
    if (reason) throw new InputError(path, reason);
    throw error;
  }
}

export const jsonlReader: CaptureReader = {
  format: 'jsonl',
  sniff,
  read,
};
