/**
 * JSON nested 100,000 levels deep, in a request body and in the capture formats that are JSON
 * themselves (HAR, JSON Lines): no stack overflow, the flow or an InputError with a position, and
 * the records after it are still read.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { detectFlow } from '../../src/observe/detect/index.js';
import { harReader } from '../../src/observe/har/index.js';
import { jsonlReader } from '../../src/observe/jsonl/index.js';
import type { CaptureReader, RawFlow } from '../../src/observe/reader.js';

const DEPTH = 100_000;
const deepArray = (inner: string) => '['.repeat(DEPTH) + inner + ']'.repeat(DEPTH);
const deepObject = (inner: string) => '{"a":'.repeat(DEPTH) + inner + '}'.repeat(DEPTH);

function post(body: string): RawFlow {
  return {
    time: '2026-01-01T00:00:00.000Z', protocol: 'http', cleartext: true, host: 'api.example.cn', serverIp: '203.0.113.9', serverPort: 80,
    method: 'POST', url: 'http://api.example.cn/u?imei=861234567890127', requestHeaders: [{ name: 'Content-Type', value: 'application/json' }],
    requestBody: { bytes: Buffer.from(body), contentType: 'application/json' },
  } as RawFlow;
}

async function readAll(reader: CaptureReader, file: string): Promise<{ flows: RawFlow[]; error?: InputError }> {
  const flows: RawFlow[] = [];
  try {
    for await (const f of reader.read(file, { source: file, warn: () => {} })) flows.push(f);
    return { flows };
  } catch (error) {
    if (error instanceof InputError) return { flows, error };
    throw error;
  }
}

function harEntry(url: string, postText?: string, extra = ''): string {
  const postData = postText === undefined ? '' : `,"postData":{"mimeType":"application/json","text":${JSON.stringify(postText)}}`;
  return `{"startedDateTime":"2026-01-01T00:00:00.000Z","time":1,"request":{"method":"POST","url":"${url}","httpVersion":"HTTP/1.1","headers":[],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":-1${postData}},"response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[],"cookies":[],"content":{"size":0,"mimeType":"text/plain"},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":1,"receive":0}${extra}}`;
}
const har = (entries: string[]) => `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[${entries.join(',')}]}}`;

describe('JSON nested 100k levels', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'privdiff-deep-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, body] of [['arrays', deepArray('"13812345678"')], ['objects', deepObject('"13812345678"')]] as const) {
    it(`a request body of nested ${name}: detection finishes and still reads the URL`, () => {
      const start = performance.now();
      const detections = detectFlow(post(body), { phone_number: '13812345678' });
      assert.ok(detections.some((d) => d.dataType === 'imei'));
      // The known phone number is found in the document even below the nesting bound.
      assert.ok(detections.some((d) => d.dataType === 'phone_number'), JSON.stringify(detections.map((d) => d.dataType)));
      assert.ok(performance.now() - start < 5_000);
    });
  }

  it('HAR: an entry whose postData is 100k levels deep, then a normal entry', async () => {
    const file = join(dir, 'deep-body.har');
    writeFileSync(file, har([harEntry('http://a.example.cn/deep', deepArray('1')), harEntry('http://b.example.cn/next?imei=861234567890127')]));
    const { flows, error } = await readAll(harReader, file);
    assert.equal(error, undefined);
    assert.deepEqual(flows.map((f) => f.host), ['a.example.cn', 'b.example.cn']);
    for (const f of flows) detectFlow(f);
  });

  it('HAR: an entry that is itself nested 100k levels deep gives a flow or an InputError with its position', async () => {
    const file = join(dir, 'deep-entry.har');
    writeFileSync(file, har([harEntry('http://a.example.cn/first'), harEntry('http://c.example.cn/deep', undefined, `,"_x":${deepArray('0')}`), harEntry('http://b.example.cn/next')]));
    const { flows, error } = await readAll(harReader, file);
    assert.equal(flows[0]?.host, 'a.example.cn', 'entries before it are read');
    if (error) assert.match(error.position ?? '', /entry \d+/);
    else assert.deepEqual(flows.map((f) => f.host), ['a.example.cn', 'c.example.cn', 'b.example.cn']);
  });

  it('JSON Lines: a line nested 100k levels deep, then a normal line', async () => {
    const file = join(dir, 'deep.jsonl');
    const line = (url: string, extra = '') => `{"time":"2026-01-01T00:00:00Z","protocol":"http","host":"${new URL(url).host}","method":"GET","url":"${url}"${extra}}`;
    writeFileSync(file, [line('http://a.example.cn/first'), line('http://c.example.cn/deep', `,"_x":${deepArray('0')}`), line('http://b.example.cn/next')].join('\n'));
    const { flows, error } = await readAll(jsonlReader, file);
    assert.equal(flows[0]?.host, 'a.example.cn');
    if (error) assert.match(error.position ?? '', /^line 2$/);
    else assert.deepEqual(flows.map((f) => f.host), ['a.example.cn', 'c.example.cn', 'b.example.cn']);
  });
});

describe('a key nested deeper than the path is written out', () => {
  for (const levels of [63, 64, 65, 200, 5_000]) {
    it(`"imei" under ${levels} levels of objects and arrays is detected, with a short path`, () => {
      let body = '{"imei":"861234567890127"}';
      for (let i = 0; i < levels; i++) body = i % 2 === 0 ? `{"a":${body}}` : `[${body}]`;
      const flow = post(body);
      flow.url = 'http://api.example.cn/u';
      const imei = detectFlow(flow).filter((d) => d.dataType === 'imei');
      assert.equal(imei.length, 1, `levels ${levels}`);
      assert.match(imei[0]!.where, /imei$/);
      assert.ok(imei[0]!.where.length < 600, imei[0]!.where);
      if (levels >= 64) assert.match(imei[0]!.where, new RegExp(`…\\[depth ${levels + 1}\\]\\.imei$`));
    });
  }
});
