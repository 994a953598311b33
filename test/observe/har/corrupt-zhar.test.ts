import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { InputError } from '../../../src/errors.js';
import { harReader } from '../../../src/observe/har/index.js';

describe('HAR reader: a compressed HAR that stops inflating', () => {
  it('gives an InputError and leaves no stream error behind to crash the process later', async () => {
    // Incompressible URLs, so the compressed file spans several read chunks and is still being read when inflating fails.
    const entries = Array.from({ length: 6000 }, (_, i) => ({ startedDateTime: '2026-03-02T08:00:00Z', request: { method: 'GET', url: `http://a.example/${i}?t=${randomBytes(300).toString('hex')}`, headers: [] }, response: { status: 200, headers: [] } }));
    const har = JSON.stringify({ log: { version: '1.2', entries } });
    const zhar = Buffer.from(deflateSync(Buffer.from(har)));
    // Corrupt the stream after its first part: the first entries inflate, then the data check fails.
    for (let i = Math.floor(zhar.length / 4); i < zhar.length; i += 7) zhar[i] = (zhar[i] ?? 0) ^ 0x5a;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'privdiff-zhar-')), 'broken.zhar');
    writeFileSync(file, zhar);
    const late: unknown[] = [];
    const onLate = (e: unknown) => late.push(e);
    process.on('uncaughtException', onLate);
    process.on('unhandledRejection', onLate);
    try {
      let flows = 0;
      await assert.rejects(async () => {
        for await (const _ of harReader.read(file, { source: file, warn: () => {} })) flows++;
      }, InputError);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(late, []);
      assert.ok(flows > 0, 'entries before the fault were read');
    } finally {
      process.off('uncaughtException', onLate);
      process.off('unhandledRejection', onLate);
    }
  });
});
