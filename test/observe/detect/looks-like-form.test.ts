/** looksLikeForm: the scan must answer as the form pattern does, and stay safe on megabytes. */
import assert from 'node:assert/strict';
import { looksLikeForm } from '../../../src/observe/detect/unwrap.js';

// The definition, as a pattern: safe on short text only.
const FORM = /^[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)*&?$/;
const byPattern = (t: string) => !/^[[{"]/.test(t) && FORM.test(t) && t.includes('=');

describe('looksLikeForm', () => {
  it('agrees with the form pattern on 20,000 random short strings and on hand-picked edges', () => {
    const alphabet = ['a', 'b', '=', '&', ' ', '%', '1', '{', '"', '\t', '中'];
    let seed = 42;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    const samples = ['a=1', 'a=1&', 'a=1&&b=2', '&', '=1', 'a=b=c', 'a', 'a=1&b', '{"a":1}', 'a= 1', 'a=1&b=2&c=', ''];
    for (let i = 0; i < 20_000; i++) samples.push(Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join(''));
    for (const s of samples) assert.equal(looksLikeForm(s), byPattern(s), JSON.stringify(s));
  });

  it('answers on 5 MB without exhausting the stack', () => {
    assert.equal(looksLikeForm('a=1&'.repeat(1_300_000)), true);
    assert.equal(looksLikeForm('中1'.repeat(2_500_000)), false);
  });
});
