/**
 * Sans-IO capture of one JSON value's text (a HAR entry, a JSON Lines record) with every long string
 * cut to a prefix as the bytes arrive, so a 500 MB body in a HAR entry costs a bounded prefix, not
 * 6.5× its size in buffers, text and parsed objects. The kept text is still valid JSON (a cut string
 * ends on a whole character and a whole escape); each cut is recorded with the keys leading to it
 * (`request.postData.text`), its offset and its size, so the reader can say what it skipped — as
 * the pcap path does for HTTP bodies over their bound.
 */
import { ParseFault } from '../parse-fault.js';
import { BACKSLASH, CLOSE_ARR, CLOSE_OBJ, COLON, COMMA, isSpace, OPEN_ARR, OPEN_OBJ, QUOTE } from './json-bytes.js';

/** A string value that was cut. */
export interface CutString {
  /** Object keys from the value's root to the string (array steps are left out). */
  path: string[];
  /** Byte offset of the string's opening quote in the input. */
  offset: number;
  /** Bytes of the string as written in the JSON (escaped), and how many of them were kept. */
  bytes: number;
  kept: number;
}

export interface CapLimits {
  /** Bytes of one string's escaped text kept. */
  maxString: number;
  /** Bytes of the whole value kept; once reached, further strings keep nothing. */
  maxTotal: number;
  /** Bytes outside strings (structure, numbers) accepted; more is an error, not a record. */
  maxStructure: number;
}

/** 16 MiB per string, as the pcap path keeps of an HTTP body. */
export const DEFAULT_CAP_LIMITS: CapLimits = { maxString: 16 << 20, maxTotal: 48 << 20, maxStructure: 16 << 20 };

export class CappedValueError extends ParseFault {}

/** Keys longer than this are not remembered as path steps. */
const MAX_KEY = 64;


/** The longest prefix of a JSON string's escaped bytes that ends on a whole character and escape. */
export function wholePrefix(buf: Buffer): Buffer {
  let i = 0;
  let safe = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    let step: number;
    if (b === BACKSLASH) step = buf[i + 1] === 0x75 ? 6 : 2;
    else step = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (i + step > n) break;
    i += step;
    safe = i;
  }
  return buf.subarray(0, safe);
}

export class CappedJsonValue {
  private readonly parts: Buffer[] = [];
  private keptBytes = 0;
  private structureBytes = 0;
  private depth = 0;
  /** True once the value's first byte was seen (leading whitespace is not part of it). */
  started = false;
  private scalar = false;
  private inString = false;
  private backslashes = 0;
  /** The string being read: where its kept bytes start in `parts`, and its sizes. */
  private stringPart = 0;
  private stringStart = 0;
  private stringBytes = 0;
  private stringKept = 0;
  private stringIsValue = false;
  /** Keys of the open containers, and the key read last (waiting for its ':' and value). */
  private readonly keys: Array<string | undefined> = [];
  private lastString: string | undefined;
  private key: string | undefined;
  private afterColon = false;
  readonly cuts: CutString[] = [];
  done = false;

  constructor(private readonly limits: CapLimits = DEFAULT_CAP_LIMITS) {}

  /**
   * Feeds chunk[from..]; `base` is the absolute offset of chunk[0]. Returns the index just after the
   * value (for a number or literal: the delimiter that ended it, not consumed), or -1 when the value
   * goes on in the next chunk. Leading whitespace is skipped.
   */
  feed(chunk: Buffer, from: number, base: number): number {
    const n = chunk.length;
    let i = from;
    let rawStart = from;
    const flushRaw = (end: number) => {
      if (end > rawStart) this.keep(chunk.subarray(rawStart, end), base + rawStart);
    };
    while (i < n) {
      if (this.inString) {
        const q = chunk.indexOf(QUOTE, i);
        if (q < 0) {
          let run = 0;
          while (run < n - i && chunk[n - 1 - run] === BACKSLASH) run++;
          this.backslashes = run === n - i ? this.backslashes + run : run;
          this.stringContent(chunk.subarray(i, n));
          i = n;
          rawStart = n;
          break;
        }
        let run = 0;
        while (q - 1 - run >= i && chunk[q - 1 - run] === BACKSLASH) run++;
        if (run === q - i) run += this.backslashes;
        this.backslashes = 0;
        if (run % 2 === 1) {
          // An escaped quote: part of the string.
          this.stringContent(chunk.subarray(i, q + 1));
          i = q + 1;
          rawStart = i;
          continue;
        }
        this.stringContent(chunk.subarray(i, q));
        this.closeString();
        i = q + 1;
        rawStart = i;
        if (this.depth === 0) return this.finish(i);
        continue;
      }
      const b = chunk[i]!;
      if (!this.started) {
        if (isSpace(b)) {
          i++;
          rawStart = i;
          continue;
        }
        this.started = true;
        this.scalar = b !== OPEN_OBJ && b !== OPEN_ARR && b !== QUOTE;
      }
      if (this.scalar) {
        if (b === COMMA || b === CLOSE_OBJ || b === CLOSE_ARR || isSpace(b)) {
          flushRaw(i);
          return this.finish(i);
        }
        i++;
        continue;
      }
      if (b === QUOTE) {
        flushRaw(i + 1);
        this.openString(base + i);
        i++;
        rawStart = i;
        continue;
      }
      if (b === OPEN_OBJ || b === OPEN_ARR) {
        this.keys.push(this.afterColon ? this.key : undefined);
        this.depth++;
        this.afterColon = false;
        this.key = undefined;
      } else if (b === CLOSE_OBJ || b === CLOSE_ARR) {
        this.keys.pop();
        this.afterColon = false;
        if (--this.depth === 0) {
          flushRaw(i + 1);
          return this.finish(i + 1);
        }
      } else if (b === COLON) {
        this.key = this.lastString;
        this.afterColon = true;
      } else if (b === COMMA) {
        this.afterColon = false;
        this.key = undefined;
      }
      i++;
    }
    flushRaw(i);
    return -1;
  }

  private finish(end: number): number {
    this.done = true;
    return end;
  }

  /** The kept text (valid JSON when the value was complete). */
  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }

  /** Bytes outside strings (with the quotes that open strings). */
  private keep(bytes: Buffer, at: number): void {
    this.structureBytes += bytes.length;
    if (this.structureBytes > this.limits.maxStructure) {
      throw new CappedValueError(`more than ${this.limits.maxStructure} bytes outside strings in one record`, at);
    }
    this.parts.push(bytes);
    this.keptBytes += bytes.length;
  }

  private openString(offset: number): void {
    this.inString = true;
    this.backslashes = 0;
    this.stringPart = this.parts.length;
    this.stringStart = offset;
    this.stringBytes = 0;
    this.stringKept = 0;
    this.stringIsValue = this.afterColon;
  }

  private stringContent(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.stringBytes += bytes.length;
    const room = Math.min(this.limits.maxString - this.stringKept, this.limits.maxTotal - this.keptBytes);
    if (room <= 0) return;
    const piece = bytes.length > room ? bytes.subarray(0, room) : bytes;
    this.parts.push(piece);
    this.keptBytes += piece.length;
    this.stringKept += piece.length;
  }

  private closeString(): void {
    this.inString = false;
    if (this.stringKept < this.stringBytes) {
      const kept = wholePrefix(Buffer.concat(this.parts.splice(this.stringPart)));
      this.keptBytes -= this.stringKept - kept.length;
      this.parts.push(kept);
      this.cuts.push({ path: this.path(), offset: this.stringStart, bytes: this.stringBytes, kept: kept.length });
    }
    this.parts.push(Buffer.from('"'));
    this.keptBytes += 1;
    // A short string may be a key: remembered until the ':' that makes it one.
    if (!this.stringIsValue && this.stringKept === this.stringBytes && this.stringBytes <= MAX_KEY) {
      const raw = Buffer.concat(this.parts.slice(this.stringPart, this.parts.length - 1)).toString('utf8');
      this.lastString = raw.includes('\\') ? safeUnescape(raw) : raw;
    } else this.lastString = undefined;
    this.afterColon = false;
  }

  private path(): string[] {
    const steps = this.keys.filter((k): k is string => k !== undefined);
    if (this.stringIsValue && this.key !== undefined) steps.push(this.key);
    return steps;
  }
}

function safeUnescape(raw: string): string | undefined {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch (error) {
    // Not a valid JSON string: it cannot be a key of a record JSON.parse will accept either.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
