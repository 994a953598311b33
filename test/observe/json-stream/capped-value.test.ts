import assert from 'node:assert/strict';
import { CappedJsonValue, wholePrefix, type CapLimits } from '../../../src/observe/json-stream/capped-value.js';

const small: CapLimits = { maxString: 8, maxTotal: 1 << 20, maxStructure: 1 << 20 };

/** Feeds `text` in pieces of `size` bytes; returns the kept text, the cuts and where the value ended. */
function capture(text: string, limits: CapLimits, size = Number.MAX_SAFE_INTEGER) {
  const bytes = Buffer.from(text, 'utf8');
  const value = new CappedJsonValue(limits);
  let end = -1;
  for (let at = 0; at < bytes.length && end < 0; at += size) {
    const chunk = bytes.subarray(at, at + size);
    const e = value.feed(chunk, 0, at);
    if (e >= 0) end = at + e;
  }
  return { text: value.text(), cuts: value.cuts, end };
}

describe('CappedJsonValue: long strings cut as they arrive', () => {
  it('keeps short values whole, in any chunking', () => {
    const doc = '{"a":[1,true,null,"x\\"y\\\\"],"b":{"c":"é中"}} tail';
    for (const size of [1, 2, 3, 7, 1000]) {
      const r = capture(doc, { ...small, maxString: 100 }, size);
      assert.equal(r.text, doc.slice(0, doc.indexOf(' tail')), `size ${size}`);
      assert.deepEqual(r.cuts, []);
      assert.equal(r.end, Buffer.byteLength(doc) - ' tail'.length);
    }
  });

  it('cuts a long value to a prefix ending on a whole character and escape, naming its keys', () => {
    for (const size of [1, 5, 1000]) {
      // 8 bytes of room: `ab` `\"` `中` is 2 + 2 + 3 = 7; the next `\u0041` does not fit.
      const r = capture('{"request":{"postData":{"text":"ab\\"中\\u0041zzzzzzzz"}},"n":1}', small, size);
      const parsed = JSON.parse(r.text) as { request: { postData: { text: string } }; n: number };
      assert.equal(parsed.request.postData.text, 'ab"中', `size ${size}`);
      assert.equal(parsed.n, 1);
      assert.deepEqual(r.cuts.map((c) => ({ path: c.path, bytes: c.bytes, kept: c.kept })), [{ path: ['request', 'postData', 'text'], bytes: 21, kept: 7 }]);
      assert.equal(r.cuts[0]!.offset, 31);
    }
  });

  it('the whole value keeps at most maxTotal bytes; structure beyond maxStructure is an error', () => {
    // `["` + 16 a + `","` = 21 bytes kept: 3 left for the second string.
    const r = capture(`["${'a'.repeat(20)}","${'b'.repeat(20)}"]`, { maxString: 16, maxTotal: 24, maxStructure: 100 });
    assert.deepEqual(JSON.parse(r.text), ['a'.repeat(16), 'b'.repeat(3)]);
    assert.throws(() => capture(`[${'1,'.repeat(100)}1]`, { maxString: 16, maxTotal: 20, maxStructure: 50 }), /more than 50 bytes outside strings/);
  });

  it('wholePrefix drops a cut escape or UTF-8 sequence', () => {
    assert.equal(wholePrefix(Buffer.from('ab\\')).toString(), 'ab');
    assert.equal(wholePrefix(Buffer.from('ab\\u00')).toString(), 'ab');
    assert.equal(wholePrefix(Buffer.from('ab\\\\')).toString(), 'ab\\\\');
    assert.equal(wholePrefix(Buffer.from('中', 'utf8').subarray(0, 2)).length, 0);
  });
});
