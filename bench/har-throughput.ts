/**
 * Throughput and memory of the streaming HAR reader on a generated HAR (default 200 MB, written to
 * the OS temp dir and removed afterwards; not committed data).
 *   npx tsx bench/har-throughput.ts [megabytes]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harReader } from '../src/observe/har/index.js';

function entry(i: number): string {
  const body = JSON.stringify({ imei: '861234567890125', seq: i, events: Array.from({ length: 8 }, (_, k) => ({ k, name: `event_${k}`, note: 'quote " and backslash \\ and 中文' })) });
  return JSON.stringify({
    startedDateTime: new Date(1_700_000_000_000 + i * 10).toISOString(),
    time: 12.5,
    request: {
      method: 'POST',
      url: `https://api${i % 50}.example.com/v1/collect?i=${i}&oaid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`,
      httpVersion: 'HTTP/2',
      headers: [
        { name: ':authority', value: `api${i % 50}.example.com` },
        { name: 'user-agent', value: 'Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ3A.230805.001)' },
        { name: 'content-type', value: 'application/json' },
        { name: 'cookie', value: `sid=${i.toString(16).padStart(16, '0')}` },
      ],
      queryString: [{ name: 'i', value: String(i) }],
      cookies: [],
      postData: { mimeType: 'application/json', text: body },
      headersSize: -1,
      bodySize: body.length,
    },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/2', headers: [{ name: 'content-type', value: 'application/json' }], cookies: [], content: { size: 2, mimeType: 'application/json', text: '{}' }, redirectURL: '', headersSize: -1, bodySize: 2 },
    cache: {},
    timings: { send: 0.1, wait: 10, receive: 2.4 },
    serverIPAddress: '203.0.113.10',
  });
}

async function generate(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"pages":[],"entries":[\n');
  let written = 0;
  let n = 0;
  while (written < bytes) {
    const e = (n > 0 ? ',\n' : '') + entry(n);
    written += Buffer.byteLength(e);
    await write(e);
    n++;
  }
  await write(']}}\n');
  out.end();
  await once(out, 'finish');
  return n;
}

const megabytes = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'privdiff-bench-'));
const file = join(dir, 'big.har');
try {
  const entries = await generate(file, megabytes * 1024 * 1024);
  const size = statSync(file).size;
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let count = 0;
  const start = process.hrtime.bigint();
  for await (const flow of harReader.read(file, { source: file, warn: () => {} })) {
    if (flow.requestBody) count++;
    if ((count & 1023) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (count !== entries) throw new Error(`read ${count} of ${entries} entries`);
  const mb = size / 1024 / 1024;
  console.log(JSON.stringify({
    file_mb: Number(mb.toFixed(1)),
    entries,
    seconds: Number(seconds.toFixed(2)),
    entries_per_s: Math.round(entries / seconds),
    mb_per_s: Number((mb / seconds).toFixed(1)),
    rss_before_mb: Math.round(rssBefore / 1048576),
    peak_rss_mb: Math.round(peakRss / 1048576),
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
