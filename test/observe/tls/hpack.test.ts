import assert from 'node:assert/strict';
import { HpackDecoder, HpackError } from '../../../src/observe/http2/hpack.js';
import { CODE_LENGTHS, huffmanCode, huffmanDecode } from '../../../src/observe/http2/huffman.js';

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');
const pairs = (fields: Array<{ name: string; value: string }>) => fields.map((f) => `${f.name}: ${f.value}`);

describe('HPACK Huffman code (RFC 7541 Appendix B)', () => {
  it('is a complete prefix code over 256 octets and EOS', () => {
    assert.equal(CODE_LENGTHS.length, 257);
    assert.equal(CODE_LENGTHS.reduce((sum, length) => sum + 2 ** -length, 0), 1);
  });

  it('gives the codes printed in the table', () => {
    assert.deepEqual(huffmanCode(0x30), { code: 0x0, length: 5 }); // '0'
    assert.deepEqual(huffmanCode(0x20), { code: 0x14, length: 6 }); // ' '
    assert.deepEqual(huffmanCode(0), { code: 0x1ff8, length: 13 });
    assert.deepEqual(huffmanCode(1), { code: 0x7fffd8, length: 23 });
    assert.deepEqual(huffmanCode(128), { code: 0xfffe6, length: 20 });
    assert.deepEqual(huffmanCode(256), { code: 0x3fffffff, length: 30 });
  });

  it('decodes the strings of Appendix C', () => {
    const cases: Array<[string, string]> = [
      ['f1e3 c2e5 f23a 6ba0 ab90 f4ff', 'www.example.com'],
      ['a8eb 1064 9cbf', 'no-cache'],
      ['25a8 49e9 5bb8 e8b4 bf', 'custom-value'],
      ['d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff', 'Mon, 21 Oct 2013 20:13:21 GMT'],
    ];
    for (const [code, text] of cases) assert.equal(Buffer.from(huffmanDecode(hex(code)) as Uint8Array).toString('latin1'), text);
  });

  it('round-trips every octet through the canonical code', () => {
    const bits: number[] = [];
    for (let sym = 0; sym < 256; sym++) {
      const { code, length } = huffmanCode(sym);
      for (let i = length - 1; i >= 0; i--) bits.push((code >> i) & 1);
    }
    while (bits.length % 8) bits.push(1);
    const bytes = Uint8Array.from({ length: bits.length / 8 }, (_, i) => bits.slice(i * 8, i * 8 + 8).reduce((b, bit) => (b << 1) | bit, 0));
    assert.deepEqual(huffmanDecode(bytes), Uint8Array.from({ length: 256 }, (_, i) => i));
  });

  it('rejects padding that is not a prefix of EOS, and EOS itself', () => {
    assert.match(String(huffmanDecode(hex('f1e3 c2e5 f23a 6ba0 ab90 f400'))), /padding/);
    assert.match(String(huffmanDecode(hex('ffff ffff'))), /EOS/);
  });
});

describe('HPACK decoder (RFC 7541 Appendix C)', () => {
  it('C.3: requests without Huffman share one dynamic table', () => {
    const d = new HpackDecoder();
    assert.deepEqual(pairs(d.decode(hex('8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d'))), [':method: GET', ':scheme: http', ':path: /', ':authority: www.example.com']);
    assert.deepEqual(pairs(d.decode(hex('8286 84be 5808 6e6f 2d63 6163 6865'))), [':method: GET', ':scheme: http', ':path: /', ':authority: www.example.com', 'cache-control: no-cache']);
    assert.deepEqual(pairs(d.decode(hex('8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65'))), [':method: GET', ':scheme: https', ':path: /index.html', ':authority: www.example.com', 'custom-key: custom-value']);
    assert.deepEqual(pairs([...d.table]), ['custom-key: custom-value', 'cache-control: no-cache', ':authority: www.example.com']);
  });

  it('C.4: the same requests with Huffman-coded strings', () => {
    const d = new HpackDecoder();
    d.decode(hex('8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff'));
    d.decode(hex('8286 84be 5886 a8eb 1064 9cbf'));
    assert.deepEqual(pairs(d.decode(hex('8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf'))).at(-1), 'custom-key: custom-value');
    assert.equal(d.table.length, 3);
  });

  it('C.6: responses with a 256-octet table evict the oldest entries', () => {
    const d = new HpackDecoder(256);
    d.decode(hex('4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3'));
    assert.deepEqual(pairs(d.decode(hex('4883 640e ffc1 c0bf'))), [':status: 307', 'cache-control: private', 'date: Mon, 21 Oct 2013 20:13:21 GMT', 'location: https://www.example.com']);
    const third = d.decode(hex('88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07'));
    assert.equal(third.at(-1)!.value, 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1');
    assert.deepEqual(d.table.map((f) => f.name), ['set-cookie', 'content-encoding', 'date']);
  });

  it('applies table size updates and literal forms that are not indexed', () => {
    const d = new HpackDecoder();
    d.decode(hex('4003 6b65 7903 7661 6c')); // key: val, indexed
    assert.equal(d.table.length, 1);
    d.decode(hex('20')); // size update to 0 empties the table
    assert.equal(d.table.length, 0);
    assert.deepEqual(pairs(d.decode(hex('1003 6b65 7902 7631 0004 7061 7468 0131'))), ['key: v1', 'path: 1']);
    assert.equal(d.table.length, 0, 'never-indexed and without-indexing literals stay out of the table');
  });

  it('rejects references beyond the table and truncated blocks', () => {
    const d = new HpackDecoder();
    assert.throws(() => d.decode(hex('be')), HpackError);
    assert.throws(() => d.decode(hex('4003 6b65')), HpackError);
    assert.throws(() => d.decode(hex('3fe2 1f')), /exceeds the limit/);
  });

  it('shows UTF-8 values as text', () => {
    const value = Buffer.from('北京', 'utf8');
    const block = Buffer.concat([hex('0004'), Buffer.from('city'), Buffer.from([value.length]), value]);
    assert.equal(new HpackDecoder().decode(block)[0]!.value, '北京');
  });
});
