/**
 * HPACK's Huffman code (RFC 7541 Appendix B). The code is canonical: codes of each length are
 * consecutive in symbol order and follow the shorter ones, so the code lengths alone define it.
 * Decoding walks a table of (length → first code, first symbol position) as in canonical decoders.
 */

/** Code length in bits of each symbol 0..255 and EOS (256), grouped by length. */
const BY_LENGTH: Record<number, string> = {
  5: '0 1 2 a c e i o s t',
  6: '32 % - . / 3 4 5 6 7 8 9 = A _ b d f g h l m n p r u',
  7: ': B C D E F G H I J K L M N O P Q R S T U V W Y j k q v w x y z',
  8: '& * , ; X Z',
  10: '! " ( ) ?',
  11: "' + |",
  12: '# >',
  13: '0x00 $ @ [ ] ~',
  14: '^ }',
  15: '< ` {',
  19: '\\ 195 208',
  20: '128 130 131 162 184 194 224 226',
  21: '153 161 167 172 176 177 179 209 216 217 227 229 230',
  22: '129 132 133 134 136 146 154 156 160 163 164 169 170 173 178 181 185 186 187 189 190 196 198 228 232 233',
  23: '0x01 135 137 138 139 140 141 143 147 149 150 151 152 155 157 158 165 166 168 174 175 180 182 183 188 191 197 231 239',
  24: '0x09 142 144 145 148 159 171 206 215 225 236 237',
  25: '199 207 234 235',
  26: '192 193 200 201 202 205 210 213 218 219 238 240 242 243 255',
  27: '203 204 211 212 214 221 222 223 241 244 245 246 247 248 250 251 252 253 254',
  28: '0x02 0x03 0x04 0x05 0x06 0x07 0x08 0x0b 0x0c 0x0e 0x0f 0x10 0x11 0x12 0x13 0x14 0x15 0x17 0x18 0x19 0x1a 0x1b 0x1c 0x1d 0x1e 0x1f 127 220 249',
  30: '0x0a 0x0d 0x16 256',
};

/** A symbol token: one printable character, or a number (decimal, or 0x hex) for the others. */
function symbol(token: string): number {
  if (token.length === 1) return token.charCodeAt(0);
  return token.startsWith('0x') ? parseInt(token.slice(2), 16) : parseInt(token, 10);
}

export const CODE_LENGTHS: readonly number[] = (() => {
  const lengths = new Array<number>(257).fill(0);
  for (const [length, list] of Object.entries(BY_LENGTH)) for (const token of list.split(' ')) lengths[symbol(token)] = Number(length);
  return lengths;
})();

/** Symbols sorted by (length, symbol) and, per length, the first canonical code and its position. */
const SORTED = CODE_LENGTHS.map((length, sym) => ({ length, sym })).sort((a, b) => a.length - b.length || a.sym - b.sym);
const FIRST: Array<{ code: number; position: number; count: number }> = [];
{
  let code = 0;
  let previous = SORTED[0]!.length;
  SORTED.forEach(({ length }, position) => {
    code <<= length - previous;
    previous = length;
    FIRST[length] ??= { code, position, count: 0 };
    FIRST[length]!.count++;
    code++;
  });
}

/** The canonical code of a symbol (for encoders and tests). */
export function huffmanCode(sym: number): { code: number; length: number } {
  const length = CODE_LENGTHS[sym]!;
  const first = FIRST[length]!;
  const position = SORTED.findIndex((s) => s.sym === sym);
  return { code: first.code + (position - first.position), length };
}

/** Decodes a Huffman-coded string literal; a reason string when it is malformed (RFC 7541 §5.2). */
export function huffmanDecode(bytes: Uint8Array): Uint8Array | string {
  const out: number[] = [];
  let code = 0;
  let length = 0;
  for (const byte of bytes) {
    for (let bit = 7; bit >= 0; bit--) {
      code = (code << 1) | ((byte >> bit) & 1);
      length++;
      const first = FIRST[length];
      if (first && code - first.code < first.count && code >= first.code) {
        const sym = SORTED[first.position + code - first.code]!.sym;
        if (sym === 256) return 'Huffman string contains EOS';
        out.push(sym);
        code = 0;
        length = 0;
      } else if (length > 30) return 'Huffman code not in the table';
    }
  }
  // Padding: at most 7 bits, all ones (the start of EOS).
  if (length > 7 || code !== (1 << length) - 1) return 'Huffman padding is not a prefix of EOS';
  return Uint8Array.from(out);
}
