import assert from 'node:assert/strict';
import { clip, esc, token } from '../../src/report/html/escape.js';

describe('HTML escaping', () => {
  const table: [string, string][] = [
    ['<script>', '&lt;script&gt;'],
    ['a & b', 'a &amp; b'],
    ['"><img src=x>', '&quot;&gt;&lt;img src=x&gt;'],
    ["it's", 'it&#39;s'],
    ['`x`', '&#96;x&#96;'],
    ['通讯录 &lt;', '通讯录 &amp;lt;'],
    ['nul\u0000bell\u0007', 'nul\\u0000bell\\u0007'],
    ['\u202Emoc.live', '\\u202Emoc.live'],
    ['zero\u200Bwidth', 'zero\\u200Bwidth'],
    ['tab\tline\n', 'tab\tline\n'],
  ];
  for (const [input, expected] of table) it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(esc(input), expected));

  it('shows lone surrogates as escapes but keeps pairs', () => {
    assert.equal(esc('\uD83D'), '\\uD83D');
    assert.equal(esc('😀'), '😀');
  });

  it('escapes numbers as text', () => assert.equal(esc(42), '42'));

  it('clips by characters, not UTF-16 units', () => {
    assert.equal(clip('api.nimbusmsg.com', 8), 'api.nim…');
    assert.equal(clip('😀😀😀', 2), '😀…');
    assert.equal(clip('short', 10), 'short');
  });

  it('makes filter tokens without spaces', () => assert.equal(token('US CA'), 'us_ca'));
});
