/**
 * Deterministic byte mutations for the fuzz harness (no dependency: the registry's coverage-guided
 * fuzzer, @jazzer.js/core, ships a native addon that needs glibc 2.38 and this machine has 2.36).
 * Same seed, same seeds list → same input sequence, so a failure is reproduced by its iteration.
 */

/** mulberry32: small, fast, good enough to pick mutations. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

// Boundary values that break length and offset arithmetic.
const INTERESTING_8 = [0, 1, 0x7f, 0x80, 0xff, 0x0a, 0x0d, 0x20, 0x22, 0x2c, 0x3a, 0x5b, 0x7b];
const INTERESTING_32 = [0, 1, 0x7f, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe];

export interface MutatorOptions {
  /** Tokens the format cares about (`chunked`, `Content-Length: `, `{"`), spliced in whole. */
  dictionary?: readonly string[];
  /** Mutated inputs are cut to this size (bigger inputs only slow the campaign down). */
  maxSize?: number;
}

export class Mutator {
  private readonly dictionary: Uint8Array[];
  private readonly maxSize: number;

  constructor(
    private readonly rng: Rng,
    private readonly seeds: readonly Uint8Array[],
    options: MutatorOptions = {},
  ) {
    if (seeds.length === 0) throw new Error('a fuzz target needs at least one seed');
    this.dictionary = (options.dictionary ?? []).map((t) => Buffer.from(t, 'latin1'));
    this.maxSize = options.maxSize ?? 256 << 10;
  }

  /** A seed (or `base`) with 1–8 stacked mutations. */
  next(base?: Uint8Array): Uint8Array {
    let data: Uint8Array = Buffer.from(base ?? this.rng.pick(this.seeds));
    const rounds = 1 + this.rng.below(8);
    for (let i = 0; i < rounds; i++) data = this.once(data);
    return data.length > this.maxSize ? data.subarray(0, this.maxSize) : data;
  }

  private once(data: Uint8Array): Uint8Array {
    const r = this.rng;
    const n = data.length;
    const at = () => r.below(Math.max(n, 1));
    switch (r.below(n === 0 ? 2 : 11)) {
      case 0: // insert a dictionary token or random bytes
        return this.dictionary.length > 0 && r.below(2) === 0 ? insert(data, at(), r.pick(this.dictionary)) : insert(data, at(), randomBytes(r, 1 + r.below(16)));
      case 1: // splice: head of this input + tail of another seed
        return splice(data, r.pick(this.seeds), r);
      case 2: { // flip one bit
        const out = Buffer.from(data);
        const i = at();
        out[i] = out[i]! ^ (1 << r.below(8));
        return out;
      }
      case 3: { // set an interesting byte
        const out = Buffer.from(data);
        out[at()] = r.pick(INTERESTING_8);
        return out;
      }
      case 4: { // set an interesting 16/32-bit integer, either byte order
        const out = Buffer.from(data);
        const width = r.below(2) === 0 ? 2 : 4;
        const i = r.below(Math.max(n - width + 1, 1));
        if (i + width > n) return out;
        const v = r.pick(INTERESTING_32);
        if (width === 2) (r.below(2) ? out.writeUInt16LE(v & 0xffff, i) : out.writeUInt16BE(v & 0xffff, i));
        else (r.below(2) ? out.writeUInt32LE(v >>> 0, i) : out.writeUInt32BE(v >>> 0, i));
        return out;
      }
      case 5: { // add or subtract a small number from a byte (lengths off by one)
        const out = Buffer.from(data);
        const i = at();
        out[i] = (out[i]! + (r.below(2) ? 1 : -1) * (1 + r.below(4))) & 0xff;
        return out;
      }
      case 6: { // delete a range
        const start = at();
        const len = 1 + r.below(Math.min(n - start, 64));
        return Buffer.concat([data.subarray(0, start), data.subarray(start + len)]);
      }
      case 7: { // duplicate a range in place (repeated headers, records, brackets)
        const start = at();
        const len = 1 + r.below(Math.min(n - start, 256));
        const piece = data.subarray(start, start + len);
        const times = 1 + r.below(8);
        return insert(data, start, Buffer.concat(Array.from({ length: times }, () => piece)));
      }
      case 8: // truncate
        return data.subarray(0, at());
      case 9: { // overwrite a range with a copy of another range
        const out = Buffer.from(data);
        const from = at();
        const to = at();
        const len = 1 + r.below(Math.min(n - Math.max(from, to), 64));
        out.set(data.subarray(from, from + len), to);
        return out;
      }
      default: // replace an ASCII digit run (lengths in text formats) with another number
        return replaceNumber(data, r);
    }
  }
}

function insert(data: Uint8Array, at: number, piece: Uint8Array): Uint8Array {
  return Buffer.concat([data.subarray(0, at), piece, data.subarray(at)]);
}

function randomBytes(r: Rng, n: number): Uint8Array {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = r.below(256);
  return out;
}

function splice(a: Uint8Array, b: Uint8Array, r: Rng): Uint8Array {
  return Buffer.concat([a.subarray(0, r.below(a.length + 1)), b.subarray(r.below(b.length + 1))]);
}

const NUMBERS = ['0', '-1', '1', '4294967295', '4294967296', '9007199254740993', '99999999999999999999', '1e308', 'ffffffff', '00000000000000000001'];

function replaceNumber(data: Uint8Array, r: Rng): Uint8Array {
  const starts: number[] = [];
  for (let i = 0; i < data.length && starts.length < 256; i++) {
    if (isDigit(data[i]!) && (i === 0 || !isDigit(data[i - 1]!))) starts.push(i);
  }
  if (starts.length === 0) return data;
  const start = r.pick(starts);
  let end = start;
  while (end < data.length && isDigit(data[end]!)) end++;
  return Buffer.concat([data.subarray(0, start), Buffer.from(r.pick(NUMBERS)), data.subarray(end)]);
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}
