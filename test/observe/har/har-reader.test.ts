import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { harReader } from '../../../src/observe/har/index.js';
import { InputError } from '../../../src/errors.js';
import type { RawFlow } from '../../../src/observe/reader.js';
import { skipUnlessPresent } from '../../helpers/shared-data.js';

const fixture = fileURLToPath(new URL('../../fixtures/har/tools.har', import.meta.url));
const shared = fileURLToPath(new URL('../../../../shared/data/captures/', import.meta.url));

async function readAll(path: string, warnings: string[] = []): Promise<RawFlow[]> {
  const flows: RawFlow[] = [];
  for await (const flow of harReader.read(path, { source: path, warn: (m) => warnings.push(m) })) flows.push(flow);
  return flows;
}

function tempFile(name: string, data: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'privdiff-har-'));
  const file = join(dir, name);
  writeFileSync(file, data);
  return file;
}

describe('harReader', () => {
  it('maps request, response, server address and TLS state of each entry', async () => {
    const warnings: string[] = [];
    const flows = await readAll(fixture, warnings);
    assert.equal(flows.length, 3);
    const [json, form, blob] = flows as [RawFlow, RawFlow, RawFlow];
    assert.equal(json.time, '2024-05-01T02:00:01.250Z');
    assert.equal(json.method, 'POST');
    assert.equal(json.host, 'api.example.cn');
    assert.equal(json.serverIp, '2001:db8::1');
    assert.equal(json.serverPort, 443);
    assert.equal(json.cleartext, false);
    assert.deepEqual(json.tls, { decrypted: true, sni: 'api.example.cn' });
    assert.equal(json.status, 200);
    assert.deepEqual(json.requestHeaders?.filter((h) => h.name === 'Cookie').map((h) => h.value), ['a=1', 'b=2']);
    assert.equal(json.requestBody?.contentType, 'application/json');
    assert.equal(Buffer.from(json.requestBody!.bytes).toString('utf8'), '{"phone":"13812345678","name":"张三"}');

    assert.equal(form.cleartext, true);
    assert.equal(form.tls, undefined);
    assert.equal(form.status, undefined, 'status 0 means no response');
    assert.equal(Buffer.from(form.requestBody!.bytes).toString(), 'lat=30.27&lon=120.15&mail=jane%40example.org');
    assert.equal(form.requestBody?.contentType, 'application/x-www-form-urlencoded');

    assert.deepEqual([...blob.requestBody!.bytes], [0, 1, 2, 255]);
    assert.equal(blob.serverPort, 8443);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /entry 3 skipped: entry has no request/);
  });

  it('reads a HAR split into 1-byte chunks the same as whole (scanner state carries across chunks)', async () => {
    const { JsonArrayScanner } = await import('../../../src/observe/json-stream/array-scanner.js');
    const data = readFileSync(fixture);
    const scanner = new JsonArrayScanner(['log', 'entries']);
    const texts: string[] = [];
    for (let i = 0; i < data.length; i++) for (const e of scanner.push(data.subarray(i, i + 1))) texts.push(e.text);
    scanner.end();
    const whole = (JSON.parse(data.toString()) as { log: { entries: unknown[] } }).log.entries;
    assert.deepEqual(texts.map((t) => JSON.parse(t) as unknown), whole);
  });

  it('reads a BOM-prefixed file and a zlib-compressed .zhar', async () => {
    const text = readFileSync(fixture);
    const bom = tempFile('bom.har', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
    assert.equal(harReader.sniff(readFileSync(bom), bom), true);
    assert.equal((await readAll(bom)).length, 3);
    const zhar = tempFile('x.zhar', deflateSync(text));
    assert.equal(harReader.sniff(readFileSync(zhar), zhar), true);
    const flows = await readAll(zhar);
    assert.deepEqual(flows.map((f) => f.url), (await readAll(fixture)).map((f) => f.url));
  });

  it('yields every complete entry of a truncated file, then fails naming the entry and byte', async () => {
    const text = readFileSync(fixture, 'utf8');
    const cut = text.indexOf('"PUT"');
    const file = tempFile('cut.har', text.slice(0, cut));
    const flows: RawFlow[] = [];
    await assert.rejects(
      (async () => {
        for await (const f of harReader.read(file, { source: file, warn: () => {} })) flows.push(f);
      })(),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.equal(error.position, `entry 2, byte ${Buffer.byteLength(text.slice(0, cut))}`);
        assert.match(error.detail, /end of input inside element 2/);
        return true;
      },
    );
    assert.equal(flows.length, 2);
  });

  it('reports a syntax error between entries and inside an entry with their positions', async () => {
    const text = readFileSync(fixture, 'utf8');
    const between = text.replace(/\}\s*,\s*\{\s*"startedDateTime": "2024-05-01T02:00:03Z"/, '} x {"startedDateTime": "2024-05-01T02:00:03Z"');
    await assert.rejects(readAll(tempFile('a.har', between)), /entry 2, byte \d+\).*expected ',' or '\]' after element 1, found 'x'/);
    const inside = text.replace('"method": "PUT"', '"method" "PUT"');
    await assert.rejects(readAll(tempFile('b.har', inside)), (error: unknown) => {
      assert.ok(error instanceof InputError);
      // the byte of the '"' where ':' was expected
      assert.equal(error.position, `entry 2, byte ${Buffer.byteLength(inside.slice(0, inside.indexOf('"method" "PUT"') + 9))}`);
      assert.match(error.detail, /entry 2 is not valid JSON/);
      return true;
    });
    await assert.rejects(readAll(tempFile('c.har', '{"log": {"version": "1.2"}}')), /no "log.entries" array/);
  });

  it('reads the real HARs of Chrome, Firefox, Safari, Charles, Insomnia, mitmproxy and ReportHAR', async function () {
    skipUnlessPresent(this, shared);
    const counts: Record<string, number> = {};
    for (const dir of ['mitmproxy', 'reporthar']) {
      for (const name of readdirSync(join(shared, dir))) {
        if (!/\.z?har$/.test(name) || name.startsWith('corrupted_har')) continue;
        const path = join(shared, dir, name);
        assert.equal(harReader.sniff(readFileSync(path).subarray(0, 65536), path), true, name);
        const flows = await readAll(path);
        const expected = name.endsWith('.zhar') ? flows.length : (JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as { log: { entries: unknown[] } }).log.entries.length;
        assert.equal(flows.length, expected, name);
        for (const f of flows) {
          assert.ok(f.host && f.url && f.method, name);
          assert.ok(!Number.isNaN(Date.parse(f.time)), name);
        }
        counts[name] = flows.length;
      }
    }
    assert.equal(counts['har_files--safari.har'], 19);
    assert.equal(counts['flows--compressed.zhar'], 2);
  });

  it('fails on mitmproxy\'s broken HAR with entry index and byte offset', async function () {
    const path = join(shared, 'mitmproxy', 'corrupted_har--brokenfile.har');
    skipUnlessPresent(this, path);
    assert.equal(harReader.sniff(readFileSync(path), path), true);
    await assert.rejects(readAll(path), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(error.position, 'entry 0, byte 8');
      assert.match(error.detail, /"log" must be an object/);
      return true;
    });
  });
});
