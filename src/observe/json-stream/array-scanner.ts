/**
 * Sans-IO incremental scanner that pulls the elements of one array out of a JSON document
 * (for HAR: `log.entries`) one at a time, so a multi-GB file is read in bounded memory.
 * Bytes go in with push(); each element comes out as its raw UTF-8 text with the byte offset
 * where it starts. The structure on the way to the array (root object, `log` object, their keys)
 * is validated byte by byte; elements and skipped values are scanned only for strings and
 * bracket depth (fast: string contents are skipped with indexOf) and validated by JSON.parse later.
 */

import { ParseFault } from '../parse-fault.js';
import { CappedJsonValue, CappedValueError, DEFAULT_CAP_LIMITS, type CapLimits, type CutString } from './capped-value.js';
import { BACKSLASH, CLOSE_ARR, CLOSE_OBJ, COLON, COMMA, isSpace, OPEN_ARR, OPEN_OBJ, QUOTE } from './json-bytes.js';
export interface ScannedElement {
  /** 0-based element index in the target array. */
  index: number;
  /** Byte offset of the element's first byte in the input. */
  offset: number;
  /** JSON text of the element, its long strings cut (see capped-value.ts). */
  text: string;
  /** The strings that were cut, if any. */
  cuts: CutString[];
}

/** A structural fault; `offset` is the absolute byte offset in the input. */
export class JsonScanError extends ParseFault {}



type FrameState = 'first' | 'key' | 'colon' | 'value' | 'commaOrEnd';
interface Frame {
  kind: 'object' | 'array';
  state: FrameState;
  /** Key of the value being read (objects). */
  key: string;
}

/** The fast value scanner skipping a value that is not on the path. */
interface ValueScan {
  start: number;
  depth: number;
  inString: boolean;
  /** Backslashes at the end of the previous chunk while inside a string. */
  backslashes: number;
  /** Scalar (number / literal) rather than string or container. */
  scalar: boolean;
}

export class JsonArrayScanner {
  private readonly frames: Frame[] = [];
  private offset = 0;
  private started = false;
  private done = false;
  private value: ValueScan | undefined;
  /** The element being captured (its capture is made when the loop reaches its first byte). */
  private element: { capture?: CappedJsonValue; start: number } | undefined;
  private keyParts: Buffer[] | undefined;
  private keyStart = 0;
  private keyBackslashes = 0;
  private elements = 0;
  private foundTarget = false;
  /** A fault found after some elements of a chunk: thrown by the next push() or end(), once those elements are out. */
  private heldFault: JsonScanError | undefined;
  /** Byte offset of the first non-space byte after the end of the document, if any (the rest is not read). */
  trailingAt: number | undefined;

  /** @param path keys leading to the array, e.g. ['log', 'entries']; every step must be an object. */
  constructor(
    private readonly path: readonly string[],
    private readonly limits: CapLimits = DEFAULT_CAP_LIMITS,
  ) {}

  /** Number of elements emitted so far. */
  get count(): number {
    return this.elements;
  }

  push(chunk: Buffer): ScannedElement[] {
    if (this.heldFault) throw this.heldFault;
    const out: ScannedElement[] = [];
    try {
      this.scan(chunk, out);
    } catch (error) {
      if (!(error instanceof JsonScanError) || out.length === 0) throw error;
      this.heldFault = error;
      this.offset += chunk.length;
    }
    return out;
  }

  private scan(chunk: Buffer, out: ScannedElement[]): void {
    const base = this.offset;
    let i = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    const n = chunk.length;
    while (i < n) {
      if (this.done) {
        // After the document: note where other data starts, and read no further.
        while (i < n && isSpace(chunk[i]!)) i++;
        if (i < n) this.trailingAt ??= base + i;
        break;
      }
      if (this.element) {
        i = this.captureElement(chunk, i, base, out);
        continue;
      }
      if (this.value) {
        i = this.scanValue(chunk, i);
        continue;
      }
      if (this.keyParts) {
        i = this.scanKey(chunk, i);
        continue;
      }
      const b = chunk[i]!;
      if (isSpace(b)) {
        i++;
        continue;
      }
      this.structural(b, base + i);
      // An element begins at this byte: its capture reads it, on the next turn of the loop.
      if (this.element) continue;
      i++;
    }
    this.offset += n;
  }

  private captureElement(chunk: Buffer, from: number, base: number, out: ScannedElement[]): number {
    const element = this.element!;
    element.capture ??= new CappedJsonValue(this.limits);
    let end: number;
    try {
      end = element.capture.feed(chunk, from, base);
    } catch (error) {
      if (error instanceof CappedValueError) throw new JsonScanError(`element ${this.elements}: ${error.detail}`, error.offset);
      throw error;
    }
    if (end < 0) return chunk.length;
    this.element = undefined;
    out.push({ index: this.elements++, offset: element.start, text: element.capture.text(), cuts: element.capture.cuts });
    return end;
  }

  /** Call at end of input: throws when the document is incomplete. */
  end(): void {
    if (this.heldFault) throw this.heldFault;
    if (this.done) return;
    const where = this.element ? ` inside element ${this.elements}` : '';
    throw new JsonScanError(`unexpected end of input${where} (truncated file?)`, this.offset);
  }

  private fail(detail: string, at: number): never {
    throw new JsonScanError(detail, at);
  }

  /** One structural byte on the path to the target array. */
  private structural(b: number, at: number): void {
    const top = this.frames[this.frames.length - 1];
    if (!top) {
      if (b !== OPEN_OBJ) this.fail(`expected '{' to start the document, found ${show(b)}`, at);
      this.frames.push({ kind: 'object', state: 'first', key: '' });
      return;
    }
    if (top.kind === 'object') {
      switch (top.state) {
        case 'first':
        case 'key':
          if (b === QUOTE) {
            this.keyParts = [];
            this.keyStart = at;
            this.keyBackslashes = 0;
            top.state = 'colon';
            return;
          }
          if (b === CLOSE_OBJ && top.state === 'first') return this.close(at);
          return this.fail(`expected a property name, found ${show(b)}`, at);
        case 'colon':
          if (b !== COLON) this.fail(`expected ':' after "${top.key}", found ${show(b)}`, at);
          top.state = 'value';
          return;
        case 'value':
          top.state = 'commaOrEnd';
          return this.beginValue(b, at, top.key);
        case 'commaOrEnd':
          if (b === COMMA) top.state = 'key';
          else if (b === CLOSE_OBJ) this.close(at);
          else this.fail(`expected ',' or '}', found ${show(b)}`, at);
          return;
      }
    }
    // The target array itself.
    switch (top.state) {
      case 'first':
        if (b === CLOSE_ARR) return this.close(at);
        top.state = 'commaOrEnd';
        return this.beginElement(b, at);
      case 'value':
        top.state = 'commaOrEnd';
        return this.beginElement(b, at);
      case 'commaOrEnd':
        if (b === COMMA) top.state = 'value';
        else if (b === CLOSE_ARR) this.close(at);
        else this.fail(`expected ',' or ']' after element ${this.elements - 1}, found ${show(b)}`, at);
        return;
      default:
        this.fail(`unexpected ${show(b)}`, at);
    }
  }

  private close(at: number): void {
    const frame = this.frames.pop();
    if (frame?.kind === 'array') this.foundTarget = true;
    if (this.frames.length === 0) {
      if (!this.foundTarget) this.fail(`no "${this.path.join('.')}" array in the document`, at);
      this.done = true;
    }
  }

  /** A value inside an object on the path: descend when it is the next step, else skip it. */
  private beginValue(b: number, at: number, key: string): void {
    const depth = this.frames.length; // frames[0] is the root object, whose keys are path[0]
    if (key === this.path[depth - 1] && !this.foundTarget) {
      const last = depth === this.path.length;
      if (last) {
        if (b !== OPEN_ARR) this.fail(`"${this.path.join('.')}" must be an array, found ${show(b)}`, at);
        this.frames.push({ kind: 'array', state: 'first', key: '' });
      } else {
        if (b !== OPEN_OBJ) this.fail(`"${this.path.slice(0, depth).join('.')}" must be an object, found ${show(b)}`, at);
        this.frames.push({ kind: 'object', state: 'first', key: '' });
      }
      return;
    }
    this.startScan(b, at);
  }

  private beginElement(b: number, at: number): void {
    this.checkValueStart(b, at);
    this.element = { start: at };
  }

  private checkValueStart(b: number, at: number): boolean {
    const scalar = b !== OPEN_OBJ && b !== OPEN_ARR && b !== QUOTE;
    if (scalar && !/[-0-9tfn]/.test(String.fromCharCode(b))) this.fail(`unexpected ${show(b)}`, at);
    return scalar;
  }

  private startScan(b: number, at: number): void {
    const scalar = this.checkValueStart(b, at);
    // The first byte is consumed by the caller; the scan state starts after it.
    this.value = {
      start: at,
      depth: b === OPEN_OBJ || b === OPEN_ARR ? 1 : 0,
      inString: b === QUOTE,
      backslashes: 0,
      scalar,
    };
  }

  /** Fast scan of a skipped value; returns the index where structural parsing resumes. */
  private scanValue(chunk: Buffer, from: number): number {
    const v = this.value!;
    const n = chunk.length;
    let i = from;
    let finished = false;
    if (v.scalar) {
      while (i < n) {
        const b = chunk[i]!;
        if (b === COMMA || b === CLOSE_OBJ || b === CLOSE_ARR || isSpace(b)) {
          finished = true;
          break;
        }
        i++;
      }
      if (finished) this.value = undefined;
      return i;
    }
    while (i < n) {
      if (v.inString) {
        const q = chunk.indexOf(QUOTE, i);
        if (q < 0) {
          let run = 0;
          while (run < n - i && chunk[n - 1 - run] === BACKSLASH) run++;
          v.backslashes = run === n - i ? v.backslashes + run : run;
          i = n;
          break;
        }
        let run = 0;
        while (q - 1 - run >= i && chunk[q - 1 - run] === BACKSLASH) run++;
        if (run === q - i) run += v.backslashes;
        v.backslashes = 0;
        i = q + 1;
        if (run % 2 === 1) continue; // escaped quote
        v.inString = false;
        if (v.depth === 0) {
          finished = true;
          break;
        }
        continue;
      }
      const b = chunk[i++]!;
      if (b === QUOTE) {
        v.inString = true;
        v.backslashes = 0;
      } else if (b === OPEN_OBJ || b === OPEN_ARR) {
        v.depth++;
      } else if (b === CLOSE_OBJ || b === CLOSE_ARR) {
        if (--v.depth === 0) {
          finished = true;
          break;
        }
      }
    }
    if (finished) this.value = undefined;
    return i;
  }

  /** Collects a property name of an object on the path (they are short). */
  private scanKey(chunk: Buffer, from: number): number {
    const n = chunk.length;
    let i = from;
    while (i < n) {
      const q = chunk.indexOf(QUOTE, i);
      if (q < 0) {
        let run = 0;
        while (run < n - i && chunk[n - 1 - run] === BACKSLASH) run++;
        this.keyBackslashes = run === n - i ? this.keyBackslashes + run : run;
        this.keyParts!.push(chunk.subarray(from, n));
        return n;
      }
      let run = 0;
      while (q - 1 - run >= i && chunk[q - 1 - run] === BACKSLASH) run++;
      if (run === q - i) run += this.keyBackslashes;
      this.keyBackslashes = 0;
      i = q + 1;
      if (run % 2 === 1) continue;
      this.keyParts!.push(chunk.subarray(from, q));
      const raw = Buffer.concat(this.keyParts!).toString('utf8');
      this.keyParts = undefined;
      let key: string;
      try {
        key = JSON.parse(`"${raw}"`) as string;
      } catch {
        this.fail('bad property name', this.keyStart);
      }
      this.frames[this.frames.length - 1]!.key = key;
      return i;
    }
    return n;
  }
}

function show(b: number): string {
  return b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}'` : `byte 0x${b.toString(16).padStart(2, '0')}`;
}
