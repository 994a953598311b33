/**
 * Sans-IO tnetstrings, the encoding of mitmproxy's flow dumps: `LENGTH:DATA TYPE` where TYPE is
 * `,` bytes, `;` UTF-8 text, `#` integer, `^` float, `!` boolean, `~` null, `]` list, `}` dict
 * (alternating key and value). TnetstringSplitter cuts whole top-level records out of chunks as
 * they arrive; parseTnetstring decodes one record. Offsets in errors are absolute byte offsets.
 */

import { ParseFault } from '../parse-fault.js';
export type TValue = Buffer | string | number | boolean | null | TValue[] | TDict;
export interface TDict {
  [key: string]: TValue;
}

export class TnetstringError extends ParseFault {}

const COLON = 0x3a;
/** Longest length prefix we accept: 12 digits is ~1 TB, far beyond any real flow. */
const MAX_DIGITS = 12;

/** Reads `LENGTH:` at `pos`; returns the data start and length. */
function header(buf: Buffer, pos: number, limit: number, base: number): { start: number; length: number } {
  let i = pos;
  let length = 0;
  while (i < limit && buf[i] !== COLON) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9 || i - pos >= MAX_DIGITS) throw new TnetstringError('bad tnetstring length prefix', base + pos);
    length = length * 10 + d;
    i++;
  }
  if (i === pos || i >= limit) throw new TnetstringError('bad tnetstring length prefix', base + pos);
  return { start: i + 1, length };
}

/** Decodes the tnetstring at buf[pos..limit); returns the value and the position after it. */
function parseAt(buf: Buffer, pos: number, limit: number, base: number): { value: TValue; end: number } {
  const { start, length } = header(buf, pos, limit, base);
  const typeAt = start + length;
  if (typeAt >= limit) throw new TnetstringError(`tnetstring of ${length} bytes runs past its container`, base + pos);
  const type = buf[typeAt];
  const end = typeAt + 1;
  const data = buf.subarray(start, typeAt);
  switch (type) {
    case 0x2c: // ,
      return { value: data, end };
    case 0x3b: // ;
      return { value: data.toString('utf8'), end };
    case 0x23: // #
    case 0x5e: {
      // ^
      const text = data.toString('latin1');
      const value = Number(text);
      if (text === '' || Number.isNaN(value)) throw new TnetstringError(`bad number ${JSON.stringify(text)}`, base + start);
      return { value, end };
    }
    case 0x21: {
      // !
      const text = data.toString('latin1');
      if (text !== 'true' && text !== 'false') throw new TnetstringError(`bad boolean ${JSON.stringify(text)}`, base + start);
      return { value: text === 'true', end };
    }
    case 0x7e: // ~
      if (length !== 0) throw new TnetstringError('null with a payload', base + start);
      return { value: null, end };
    case 0x5d: {
      // ]
      const list: TValue[] = [];
      let i = start;
      while (i < typeAt) {
        const item = parseAt(buf, i, typeAt, base);
        list.push(item.value);
        i = item.end;
      }
      return { value: list, end };
    }
    case 0x7d: {
      // }
      const dict: TDict = {};
      let i = start;
      while (i < typeAt) {
        const key = parseAt(buf, i, typeAt, base);
        if (typeof key.value !== 'string' && !Buffer.isBuffer(key.value)) throw new TnetstringError('dict key is not a string', base + i);
        if (key.end >= typeAt) throw new TnetstringError('dict key without a value', base + i);
        const item = parseAt(buf, key.end, typeAt, base);
        dict[key.value.toString()] = item.value;
        i = item.end;
      }
      return { value: dict, end };
    }
    default:
      throw new TnetstringError(`unknown tnetstring type ${type === undefined ? 'end' : JSON.stringify(String.fromCharCode(type))}`, base + typeAt);
  }
}

/** Decodes one complete tnetstring; `base` is its offset in the file, for error messages. */
export function parseTnetstring(buf: Buffer, base = 0): TValue {
  const { value, end } = parseAt(buf, 0, buf.length, base);
  if (end !== buf.length) throw new TnetstringError('data after the tnetstring', base + end);
  return value;
}

export interface TnetRecord {
  offset: number;
  data: Buffer;
}

/** Cuts complete top-level tnetstrings out of a byte stream. */
export class TnetstringSplitter {
  private parts: Buffer[] = [];
  private have = 0;
  private need: number | undefined;
  private offset = 0;

  push(chunk: Buffer): TnetRecord[] {
    const out: TnetRecord[] = [];
    if (chunk.length > 0) {
      this.parts.push(chunk);
      this.have += chunk.length;
    }
    for (;;) {
      if (this.need === undefined) {
        const head = this.peek(Math.min(this.have, MAX_DIGITS + 1));
        const colon = head.indexOf(COLON);
        if (colon < 0) {
          if (this.have > MAX_DIGITS || /[^0-9]/.test(head.toString('latin1'))) throw new TnetstringError('bad tnetstring length prefix', this.offset);
          return out;
        }
        const { start, length } = header(head, 0, head.length, this.offset);
        this.need = start + length + 1;
      }
      if (this.have < this.need) return out;
      const data = this.take(this.need);
      out.push({ offset: this.offset, data });
      this.offset += this.need;
      this.need = undefined;
      if (this.have === 0) return out;
    }
  }

  /** Call at end of input: throws when a record was cut short. */
  end(): void {
    if (this.have === 0) return;
    const expected = this.need !== undefined ? `; ${this.need - this.have} more bytes expected` : '';
    throw new TnetstringError(`truncated flow record${expected}`, this.offset);
  }

  private peek(n: number): Buffer {
    const first = this.parts[0];
    if (!first) return Buffer.alloc(0);
    return first.length >= n ? first.subarray(0, n) : Buffer.concat(this.parts).subarray(0, n);
  }

  /** Removes the first n bytes; copies only when they span several chunks. */
  private take(n: number): Buffer {
    const first = this.parts[0]!;
    let data: Buffer;
    if (first.length >= n) {
      data = first.subarray(0, n);
      if (first.length === n) this.parts.shift();
      else this.parts[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.parts);
      data = all.subarray(0, n);
      this.parts = all.length > n ? [all.subarray(n)] : [];
    }
    this.have -= n;
    return data;
  }
}
