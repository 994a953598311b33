/**
 * HPACK header block decoding (RFC 7541), sans-IO: one decoder per direction of an HTTP/2
 * connection, since each direction has its own dynamic table. Indexed fields, literals with and
 * without indexing, never-indexed literals, table size updates, Huffman-coded strings.
 */
import { huffmanDecode } from './huffman.js';
import { STATIC_TABLE } from './static-table.js';

export interface HeaderField {
  name: string;
  value: string;
}

export class HpackError extends Error {
  override name = 'HpackError';
}

const ENTRY_OVERHEAD = 32;

export class HpackDecoder {
  private dynamic: HeaderField[] = [];
  private size = 0;
  private maxSize: number;

  /** `limit` is the SETTINGS_HEADER_TABLE_SIZE the decoder's side announced (4096 by default). */
  constructor(private limit = 4096) {
    this.maxSize = limit;
  }

  /** Current dynamic table, newest first (for tests). */
  get table(): readonly HeaderField[] {
    return this.dynamic;
  }

  /** Decodes one complete header block; HpackError when it is malformed. */
  decode(block: Uint8Array): HeaderField[] {
    const fields: HeaderField[] = [];
    let at = 0;
    const integer = (prefixBits: number): number => {
      const mask = (1 << prefixBits) - 1;
      let value = block[at++]! & mask;
      if (value < mask) return value;
      let shift = 0;
      for (;;) {
        if (at >= block.length) throw new HpackError('integer runs past the header block');
        const byte = block[at++]!;
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
        if ((byte & 0x80) === 0) return value;
        if (shift > 28) throw new HpackError('integer too large');
      }
    };
    const string = (): string => {
      if (at >= block.length) throw new HpackError('string runs past the header block');
      const huffman = (block[at]! & 0x80) !== 0;
      const length = integer(7);
      if (at + length > block.length) throw new HpackError('string runs past the header block');
      const raw = block.subarray(at, at + length);
      at += length;
      if (!huffman) return Buffer.from(raw).toString('latin1');
      const decoded = huffmanDecode(raw);
      if (typeof decoded === 'string') throw new HpackError(decoded);
      return Buffer.from(decoded).toString('latin1');
    };
    while (at < block.length) {
      const first = block[at]!;
      if (first & 0x80) {
        fields.push(this.entry(integer(7)));
      } else if ((first & 0xc0) === 0x40) {
        const index = integer(6);
        const name = index === 0 ? string() : this.entry(index).name;
        const field = { name, value: string() };
        fields.push(field);
        this.insert(field);
      } else if ((first & 0xe0) === 0x20) {
        const size = integer(5);
        if (size > this.limit) throw new HpackError(`table size update to ${size} exceeds the limit ${this.limit}`);
        this.maxSize = size;
        this.evict();
      } else {
        const index = integer(4); // literal without indexing or never indexed
        const name = index === 0 ? string() : this.entry(index).name;
        fields.push({ name, value: string() });
      }
    }
    return fields.map(utf8Field);
  }

  /** The peer changed SETTINGS_HEADER_TABLE_SIZE for this decoder's table. */
  setLimit(limit: number): void {
    this.limit = limit;
    if (this.maxSize > limit) {
      this.maxSize = limit;
      this.evict();
    }
  }

  private entry(index: number): HeaderField {
    if (index === 0) throw new HpackError('index 0');
    if (index <= STATIC_TABLE.length) {
      const [name, value] = STATIC_TABLE[index - 1]!;
      return { name, value };
    }
    const field = this.dynamic[index - STATIC_TABLE.length - 1];
    if (!field) throw new HpackError(`index ${index} is beyond the dynamic table`);
    return field;
  }

  private insert(field: HeaderField): void {
    this.dynamic.unshift(field);
    this.size += field.name.length + field.value.length + ENTRY_OVERHEAD;
    this.evict();
  }

  private evict(): void {
    while (this.size > this.maxSize && this.dynamic.length > 0) {
      const old = this.dynamic.pop()!;
      this.size -= old.name.length + old.value.length + ENTRY_OVERHEAD;
    }
  }
}

/** Octets were kept as latin1 for exact table sizes; values are shown as UTF-8 where they are valid. */
function utf8Field(field: HeaderField): HeaderField {
  const isAscii = (s: string) => !/[^\x00-\x7f]/.test(s);
  if (isAscii(field.value) && isAscii(field.name)) return field;
  const decode = (s: string) => {
    const text = Buffer.from(s, 'latin1').toString('utf8');
    return text.includes('\ufffd') ? s : text;
  };
  return { name: decode(field.name), value: decode(field.value) };
}
