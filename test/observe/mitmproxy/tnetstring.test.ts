import { strict as assert } from 'node:assert';
import { parseTnetstring, TnetstringError, TnetstringSplitter } from '../../../src/observe/mitmproxy/tnetstring.js';

/** Writes a tnetstring (test-side encoder, so parser output can be checked against known input). */
function dump(v: unknown): string {
  const wrap = (data: string, type: string) => `${Buffer.byteLength(data)}:${data}${type}`;
  if (v === null) return '0:~';
  if (typeof v === 'boolean') return wrap(String(v), '!');
  if (typeof v === 'number') return wrap(String(v), Number.isInteger(v) ? '#' : '^');
  if (typeof v === 'string') return wrap(v, ';');
  if (Array.isArray(v)) return wrap(v.map(dump).join(''), ']');
  return wrap(Object.entries(v as object).map(([k, x]) => dump(k) + dump(x)).join(''), '}');
}

describe('tnetstring', () => {
  it('decodes every type, nested', () => {
    const value = { a: [1, -2, 3.5, true, false, null, 'ü'], b: { c: '' } };
    assert.deepEqual(parseTnetstring(Buffer.from(dump(value))), value);
    const bytes = parseTnetstring(Buffer.from('3:a\x00b,'));
    assert.ok(Buffer.isBuffer(bytes));
    assert.deepEqual([...(bytes as Buffer)], [0x61, 0, 0x62]);
    assert.deepEqual(parseTnetstring(Buffer.from('9:1:k,2:vv,}')), { k: Buffer.from('vv') });
  });

  it('rejects malformed input with the byte offset', () => {
    const cases: [string, RegExp, number][] = [
      ['x:abc,', /length prefix/, 0],
      ['3:abc?', /unknown tnetstring type "\?"/, 5],
      ['5:abc,', /runs past/, 0],
      ['4:true!!', /data after/, 7],
      ['3:yes!', /bad boolean/, 2],
      ['4:1:a,}', /key without a value/, 2],
    ];
    for (const [input, message, offset] of cases) {
      assert.throws(() => parseTnetstring(Buffer.from(input), 100), (e: unknown) => {
        assert.ok(e instanceof TnetstringError, input);
        assert.match(e.detail, message, input);
        assert.equal(e.offset, 100 + offset, input);
        return true;
      });
    }
  });

  it('splits a stream into records whatever the chunk boundaries', () => {
    const records = [{ type: 'http', n: 1 }, { type: 'tcp', big: 'x'.repeat(5000) }, { z: null }];
    const stream = Buffer.from(records.map(dump).join(''));
    for (const size of [1, 7, 4096, stream.length]) {
      const splitter = new TnetstringSplitter();
      const out: unknown[] = [];
      const offsets: number[] = [];
      for (let i = 0; i < stream.length; i += size) {
        for (const r of splitter.push(stream.subarray(i, i + size))) {
          out.push(parseTnetstring(r.data, r.offset));
          offsets.push(r.offset);
        }
      }
      splitter.end();
      assert.deepEqual(out, records, `chunk size ${size}`);
      assert.deepEqual(offsets, [0, dump(records[0]).length, dump(records[0]).length + dump(records[1]).length]);
    }
  });

  it('reports a truncated last record with its offset', () => {
    const splitter = new TnetstringSplitter();
    const first = dump({ a: 1 });
    assert.equal(splitter.push(Buffer.from(first + '20:1:a')).length, 1);
    assert.throws(() => splitter.end(), (e: unknown) => e instanceof TnetstringError && e.offset === first.length && /truncated.*18 more bytes/.test(e.detail));
    assert.throws(() => new TnetstringSplitter().push(Buffer.from('{"log"')), /length prefix/);
  });
});
