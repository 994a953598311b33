import assert from 'node:assert/strict';
import { maskIn, maskValue } from '../../src/report/mask.js';

describe('masking of detected values', () => {
  const table: [string, string][] = [
    ['13812345678', '138****5678'],
    ['+4915112345678', '+49*******5678'],
    ['jane@example.org', 'jan***@example.org'],
    ['jo@example.org', 'j***@example.org'],
    ['861234567890125', '861********0125'],
    ['abcd', '****'],
    ['a1b2c3', 'a****3'],
  ];
  for (const [value, masked] of table) {
    it(`${value} → ${masked}`, () => assert.equal(maskValue(value), masked));
  }

  it('never returns the value itself for anything longer than 4 characters', () => {
    for (const v of ['38f1c0aa-1b2c-4d5e-8f90-a1b2c3d4e5f6', '00:1a:2b:3c:4d:5e', 'Anna Schmidt']) {
      assert.notEqual(maskValue(v), v);
      assert.ok(!maskValue(v).includes(v.slice(2, -2)));
    }
  });

  it('masks values inside URLs, URL-encoded forms included', () => {
    const url = 'http://x.example/reg?imei=861234567890125&phone=%2B4915112345678';
    const out = maskIn(url, ['861234567890125', '+4915112345678']);
    assert.ok(!out.includes('861234567890125'));
    assert.ok(!out.includes('4915112345678'));
    assert.match(out, /imei=861\*+0125/);
  });
});
