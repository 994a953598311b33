/**
 * privdiff's own JSON Lines flow format: one RawFlow per line, documented and validated by
 * schemas/jsonl-flow.schema.json. Lets any tool (Frida hooks, a custom proxy, a converter) feed flows
 * in. Streams line by line; a bad line is an InputError naming the line.
 */
import { createReadStream } from 'node:fs';
import { fileErrorReason, InputError } from '../../errors.js';
import type { CaptureReader, RawFlow, ReadContext } from '../reader.js';
import { jsonlToFlow } from './codec.js';
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

/** One flow per line; a line past this is not a flow record (and would be held whole in memory). */
const MAX_LINE_BYTES = 256 << 20;

/** Splits a byte stream into lines (LF or CRLF), with 1-based line numbers. */
async function* lines(path: string, ctx: ReadContext): AsyncIterable<{ number: number; text: string }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  let bytesRead = 0;
  for await (const chunk of ctx.input?.chunks ?? createReadStream(path, { highWaterMark: CHUNK })) {
    const buf = chunk as Buffer;
    bytesRead += buf.length;
    ctx.progress?.(bytesRead);
    let from = 0;
    for (let nl = buf.indexOf(0x0a, from); nl >= 0; nl = buf.indexOf(0x0a, from)) {
      pending.push(buf.subarray(from, nl));
      const text = Buffer.concat(pending).toString('utf8');
      pending = [];
      pendingBytes = 0;
      yield { number: ++number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
      from = nl + 1;
    }
    if (from < buf.length) {
      pending.push(buf.subarray(from));
      pendingBytes += buf.length - from;
      // A file with no line breaks would otherwise be held whole in memory.
      if (pendingBytes > MAX_LINE_BYTES) throw new InputError(path, `line ${number + 1} is longer than ${MAX_LINE_BYTES} bytes`, `byte ${bytesRead - pendingBytes}`);
    }
  }
  if (pending.length > 0) yield { number: ++number, text: Buffer.concat(pending).toString('utf8') };
}

async function* read(path: string, ctx: ReadContext): AsyncIterable<RawFlow> {
  const validate = jsonlFlowValidator();
  try {
    for await (const { number, text } of lines(path, ctx)) {
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
      yield jsonlToFlow(value as Record<string, unknown>);
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
