/** `-o FILE` output: texts gathered into one write buffer come out byte for byte. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openOutputFile } from '../../src/cli/output-file.js';

describe('output file', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'privdiff-output-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes many short texts, multi-byte ones across buffer boundaries, and one larger than the buffer, in order', () => {
    const texts: string[] = [];
    for (let i = 0; i < 20_000; i++) texts.push(i % 3 === 0 ? `{"联系人":"张三 ${i}","emoji":"📱"},` : `{"n":${i},"s":"${'x'.repeat(i % 97)}"},`);
    texts.splice(10_000, 0, `"${'长'.repeat(400_000)}",`);
    const file = path.join(dir, 'out.json');
    const out = openOutputFile(file);
    for (const t of texts) out.write(t);
    out.commit();
    const written = readFileSync(file);
    assert.equal(written.length, Buffer.byteLength(texts.join(''), 'utf8'));
    assert.equal(written.toString('utf8'), texts.join(''));
  });

  it('leaves nothing behind when aborted', () => {
    const file = path.join(dir, 'aborted.json');
    const out = openOutputFile(file);
    out.write('{"partial":');
    out.abort();
    assert.throws(() => readFileSync(file), /ENOENT/);
  });
});
