import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../../src/errors.js';
import { harReader } from '../../../src/observe/har/index.js';
import { flowToJsonl, jsonlReader } from '../../../src/observe/jsonl/index.js';
import { mitmproxyReader } from '../../../src/observe/mitmproxy/index.js';
import type { CaptureReader, RawFlow } from '../../../src/observe/reader.js';
import { skipUnlessPresent } from '../../helpers/shared-data.js';

const fixture = fileURLToPath(new URL('../../fixtures/jsonl/flows.jsonl', import.meta.url));
const shared = fileURLToPath(new URL('../../../../shared/data/captures/', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'privdiff-jsonl-'));

async function readAll(reader: CaptureReader, path: string): Promise<RawFlow[]> {
  const flows: RawFlow[] = [];
  for await (const f of reader.read(path, { source: path, warn: () => {} })) flows.push(f);
  return flows;
}

/** Flows with bodies as plain arrays, so Buffer and Uint8Array compare equal. */
function comparable(flows: RawFlow[]): unknown[] {
  return flows.map((f) => ({ ...f, requestBody: f.requestBody && { ...f.requestBody, bytes: [...f.requestBody.bytes] } }));
}

describe('jsonlReader', () => {
  it('reads every header form, text and base64 bodies, DNS and TLS flows, with defaults filled in', async () => {
    const flows = await readAll(jsonlReader, fixture);
    assert.equal(flows.length, 5);
    const [api, track, put, dns, tls] = flows as [RawFlow, RawFlow, RawFlow, RawFlow, RawFlow];
    assert.equal(api.time, '2024-05-01T02:00:00.000Z');
    assert.equal(api.cleartext, false, 'https URL');
    assert.deepEqual(api.requestHeaders?.map((h) => h.value), ['api.example.cn', 'a=1', 'b=2']);
    assert.equal(Buffer.from(api.requestBody!.bytes).toString(), '{"phone":"13812345678"}');
    assert.equal(api.requestBody!.contentType, 'application/json');
    assert.equal((api as unknown as Record<string, unknown>)._frida, undefined, 'tool fields are dropped');
    assert.equal(track.cleartext, true, 'http URL');
    assert.deepEqual(track.requestHeaders, [{ name: 'User-Agent', value: 'Dalvik/2.1.0' }]);
    assert.deepEqual(track.responseHeaders, [{ name: 'Set-Cookie', value: 'x=1' }, { name: 'Set-Cookie', value: 'y=2' }, { name: 'Server', value: 'nginx' }]);
    assert.deepEqual([...put.requestBody!.bytes], [0, 1, 2, 255]);
    assert.equal(dns.cleartext, true);
    assert.deepEqual(dns.dns, { query: 'sdk.umeng.com', type: 'A', answers: ['198.51.100.4'] });
    assert.equal(tls.cleartext, false);
    assert.deepEqual(tls.tls, { sni: 'graph.facebook.com', version: 'TLSv1.3', alpn: ['h2'], decrypted: false });
  });

  it('fails on a bad line with its line number, after yielding the lines before it', async () => {
    const good = readFileSync(fixture, 'utf8').split('\n')[0]!;
    const cases: [string, RegExp][] = [
      ['{"time": "2024-05-01T00:00:00Z", "protocol": "http"', /not JSON/],
      ['{"time":"yesterday","protocol":"http","host":"a"}', /time: must match format "date-time"/],
      ['{"time":"2024-05-01T00:00:00Z","protocol":"smtp","host":"a"}', /protocol: must be equal to one of the allowed values/],
      ['{"time":"2024-05-01T00:00:00Z","protocol":"http","host":"a","body":"x"}', /must NOT have additional properties \(body\)/],
      ['{"time":"2024-05-01T00:00:00Z","protocol":"http","host":"a","requestBody":{"text":"x","base64":"eA=="}}', /requestBody must be \{"text": "…"\} for UTF-8 text or \{"base64": "…"\} for other bytes \(got an object with both "text" and "base64"\)/],
      ['{"time":"2024-05-01T00:00:00Z","protocol":"http","host":"a","requestHeaders":[["only-name"]]}', /requestHeaders/],
    ];
    for (const [bad, message] of cases) {
      const file = join(temp, 'bad.jsonl');
      writeFileSync(file, `${good}\n\n${bad}\n${good}\n`);
      const seen: RawFlow[] = [];
      await assert.rejects(
        (async () => {
          for await (const f of jsonlReader.read(file, { source: file, warn: () => {} })) seen.push(f);
        })(),
        (e: unknown) => {
          assert.ok(e instanceof InputError, bad);
          assert.equal(e.position, 'line 3', bad);
          assert.match(e.detail, message);
          return true;
        },
      );
      assert.equal(seen.length, 1);
    }
  });

  it('round-trips flows through flowToJsonl exactly (binary bodies included)', async () => {
    const original = await readAll(jsonlReader, fixture);
    const file = join(temp, 'round.jsonl');
    writeFileSync(file, original.map((f) => flowToJsonl(f) + '\n').join(''));
    assert.deepEqual(comparable(await readAll(jsonlReader, file)), comparable(original));
    assert.match(flowToJsonl(original[2]!), /"requestBody":\{"base64":"AAEC\/w=="\}/);
  });

  it('round-trips the flows of real HAR and mitmproxy captures', async function () {
    skipUnlessPresent(this, shared);
    for (const [reader, name] of [[harReader, 'reporthar/android--first-run.har'], [mitmproxyReader, 'mitmproxy/flows--diff_data.mitm']] as const) {
      const flows = await readAll(reader, join(shared, name));
      const file = join(temp, 'real.jsonl');
      writeFileSync(file, flows.map((f) => flowToJsonl(f)).join('\n'));
      assert.equal(jsonlReader.sniff(readFileSync(file).subarray(0, 65536), file), true, name);
      assert.deepEqual(comparable(await readAll(jsonlReader, file)), comparable(flows), name);
    }
  });
});
