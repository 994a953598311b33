import assert from 'node:assert/strict';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { decodeContent } from '../../../src/observe/net/content-encoding.js';

const text = (b: Uint8Array) => Buffer.from(b).toString();

describe('decodeContent', () => {
  it('decodes gzip, zlib and raw deflate, brotli, and stacked codings', () => {
    assert.equal(text(decodeContent(gzipSync('g'), 'gzip').bytes), 'g');
    assert.equal(text(decodeContent(deflateSync('z'), 'deflate').bytes), 'z');
    assert.equal(text(decodeContent(deflateRawSync('r'), 'deflate').bytes), 'r');
    assert.equal(text(decodeContent(brotliCompressSync('b'), 'br').bytes), 'b');
    assert.equal(text(decodeContent(brotliCompressSync(gzipSync('both')), 'gzip, br').bytes), 'both');
    assert.equal(text(decodeContent(Buffer.from('plain'), 'identity').bytes), 'plain');
  });

  it('stops a compression bomb at the output bound', () => {
    const bomb = gzipSync(Buffer.alloc(64 << 20));
    assert.ok(bomb.length < 100_000);
    const decoded = decodeContent(bomb, 'gzip', 1 << 20);
    assert.match(decoded.problem!, /more than 1048576 bytes/);
    assert.equal(decoded.bytes, bomb);
  });

  it('keeps what inflates from a truncated stream and says so', () => {
    const whole = gzipSync(Buffer.from('x'.repeat(5000) + 'tail'));
    const decoded = decodeContent(whole.subarray(0, whole.length - 8), 'gzip');
    assert.match(decoded.problem!, /truncated/);
    assert.ok(text(decoded.bytes).startsWith('xxxx'));
  });

  it('leaves undecodable or unknown encodings as they are, with a problem', () => {
    assert.match(decodeContent(Buffer.from('not gzip'), 'gzip').problem!, /could not be decoded/);
    assert.match(decodeContent(Buffer.from('abc'), 'compress').problem!, /unknown content encoding/);
  });
});
