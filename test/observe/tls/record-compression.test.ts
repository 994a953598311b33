import assert from 'node:assert/strict';
import { constants, deflateSync } from 'node:zlib';
import { RecordInflater } from '../../../src/observe/tls/record-compression.js';

describe('TLS record compression', () => {
  it('inflates records of one stream in turn', () => {
    const stream = deflateSync(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\n'), { finishFlush: constants.Z_SYNC_FLUSH });
    const out = new RecordInflater().inflate(stream);
    assert.ok(out instanceof Uint8Array);
    assert.equal(Buffer.from(out).toString(), 'GET / HTTP/1.1\r\nHost: a\r\n\r\n');
  });

  it('stops a decompression bomb instead of inflating it', () => {
    const bomb = deflateSync(Buffer.alloc(200 << 20), { level: 9 });
    assert.ok(bomb.length < 4 << 20);
    const out = new RecordInflater().inflate(bomb);
    assert.equal(typeof out, 'string');
    assert.match(out as string, /decompression failed|bound/);
  });
});
