import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../../src/errors.js';
import { harReader } from '../../../src/observe/har/index.js';
import { mitmproxyReader } from '../../../src/observe/mitmproxy/index.js';
import type { CaptureReader, RawFlow } from '../../../src/observe/reader.js';
import { skipUnlessPresent } from '../../helpers/shared-data.js';

const dir = fileURLToPath(new URL('../../../../shared/data/captures/mitmproxy/', import.meta.url));

async function readAll(reader: CaptureReader, path: string, warnings: string[] = []): Promise<RawFlow[]> {
  const flows: RawFlow[] = [];
  for await (const f of reader.read(path, { source: path, warn: (m) => warnings.push(m) })) flows.push(f);
  return flows;
}

function bytes(s: string | Buffer): string {
  return typeof s === 'string' ? `${Buffer.byteLength(s)}:${s}` : `${s.length}:${s.toString('latin1')}`;
}

/** A minimal version-21 HTTP flow, written by hand. */
function flowRecord(body: Buffer, encoding: string): Buffer {
  const hdr = (n: string, v: string) => { const x = `${bytes(n)},${bytes(v)},`; return `${x.length}:${x}]`; };
  const headers = hdr('Host', 'collect.example.com') + hdr('Content-Encoding', encoding) + hdr('Content-Type', 'application/json');
  const req = `4:host;19:collect.example.com;4:port;3:443#6:scheme;5:https,6:method;4:POST,4:path;4:/log,9:authority;0:,7:headers;${headers.length}:${headers}]7:content;${bytes(body)},15:timestamp_start;12:1700000000.5^`;
  const peer = '9:127.0.0.1;4:8443#';
  const server = `8:peername;${peer.length}:${peer}]3:sni;19:collect.example.com;`;
  const top = `4:type;4:http;7:version;2:21#7:request;${Buffer.byteLength(req, 'latin1')}:${req}}11:server_conn;${server.length}:${server}}`;
  return Buffer.from(`${Buffer.byteLength(top, 'latin1')}:${top}}`, 'latin1');
}

describe('mitmproxyReader', () => {
  const temp = mkdtempSync(join(tmpdir(), 'privdiff-mitm-'));

  it('reads a hand-written flow: URL, peer IP, time, gzip body decoded', async () => {
    const body = Buffer.from('{"imei":"861234567890125"}');
    const file = join(temp, 'one.mitm');
    writeFileSync(file, flowRecord(gzipSync(body), 'gzip'));
    assert.equal(mitmproxyReader.sniff(readFileSync(file), file), true);
    const [flow, ...rest] = await readAll(mitmproxyReader, file);
    assert.equal(rest.length, 0);
    assert.equal(flow!.url, 'https://collect.example.com/log');
    assert.equal(flow!.host, 'collect.example.com');
    assert.equal(flow!.serverIp, '127.0.0.1');
    assert.equal(flow!.time, '2023-11-14T22:13:20.500Z');
    assert.equal(flow!.cleartext, false);
    assert.deepEqual(flow!.tls, { decrypted: true, sni: 'collect.example.com' });
    assert.equal(Buffer.from(flow!.requestBody!.bytes).toString(), body.toString());
    assert.equal(flow!.requestBody!.contentType, 'application/json');
  });

  it('keeps the raw body and notes the problem when the content-encoding does not decode', async () => {
    const file = join(temp, 'bad.mitm');
    writeFileSync(file, flowRecord(Buffer.from('not gzip at all'), 'gzip'));
    const [flow] = await readAll(mitmproxyReader, file);
    assert.equal(Buffer.from(flow!.requestBody!.bytes).toString(), 'not gzip at all');
    assert.match(flow!.requestBody!.problem!, /content-encoding gzip does not decode/);
  });

  it('yields earlier flows, then fails on a truncated dump with flow index and byte offset', async () => {
    const one = flowRecord(Buffer.from('a=1'), 'identity');
    const file = join(temp, 'cut.mitm');
    writeFileSync(file, Buffer.concat([one, one.subarray(0, 50)]));
    const flows: RawFlow[] = [];
    await assert.rejects(
      (async () => {
        for await (const f of mitmproxyReader.read(file, { source: file, warn: () => {} })) flows.push(f);
      })(),
      (e: unknown) => e instanceof InputError && e.position === `flow 1, byte ${one.length}` && /truncated/.test(e.detail),
    );
    assert.equal(flows.length, 1);
  });

  it('upgrades every dump version (0.18, 7, 10, 20) to HTTP flows with host, URL and server address', async function () {
    skipUnlessPresent(this, dir);
    const expected: Record<string, [number, string, string | undefined]> = {
      'dumpfile-018.mitm': [1, 'https://www.example.com/', '93.184.216.34'],
      'dumpfile-019.mitm': [1, 'https://webrv.rtb-seller.com/webrv-at?', '3.213.13.94'],
      'dumpfile-10.mitm': [1, 'https://example.com/', undefined],
      'dumpfile-19.mitm': [1, 'https://cloudflare-quic.com/', '104.22.8.38'],
      'dumpfile-7-websocket.mitm': [3, 'http://echo.websocket.org/?encoding=text', '174.129.224.73'],
    };
    for (const [name, [count, url, ip]] of Object.entries(expected)) {
      const warnings: string[] = [];
      const flows = await readAll(mitmproxyReader, join(dir, name), warnings);
      assert.equal(flows.length, count, name);
      assert.ok(flows[0]!.url!.startsWith(url), `${name}: ${flows[0]!.url}`);
      assert.equal(flows[0]!.serverIp, ip, name);
      assert.equal(flows[0]!.method, 'GET');
      assert.ok(flows[0]!.time.startsWith('20'), name);
      // The reader does not name the file: observeCaptures prefixes it once (no "x.mitm: x.mitm: …").
      if (name.includes('websocket')) assert.deepEqual(warnings, ['3 websocket flow(s) skipped (only HTTP flows are read)']);
    }
  });

  it('gives the same (method, url, body) requests as mitmproxy\'s own HAR export of the same flows', async function () {
    skipUnlessPresent(this, dir);
    const names = ['corrupted_gzip_body', 'diff_data', 'error_log', 'event_stream', 'incomplete_log', 'successful_log', 'websocket'];
    let compared = 0;
    for (const name of names) {
      const key = (f: RawFlow) => [f.method, f.url, Buffer.from(f.requestBody?.bytes ?? []).toString('base64')].join(' ');
      const mitm = (await readAll(mitmproxyReader, join(dir, `flows--${name}.mitm`))).map(key);
      const har = (await readAll(harReader, join(dir, `flows--${name}.har`))).map(key);
      assert.deepEqual(mitm, har, name);
      compared += mitm.length;
    }
    assert.equal(compared, 19);
  });
});
