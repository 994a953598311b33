/**
 * Detection in worker threads must change nothing but where it runs: the same detections, flows
 * in the same order with the same indexes and recipients, and a worker's failure reaches the caller.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigCapture } from '../../../bench/capture-gen.js';
import { observeCaptures } from '../../../src/observe/index.js';
import { detectFlow } from '../../../src/observe/detect/index.js';
import { DetectionPool, detectInput } from '../../../src/observe/detect/pool.js';
import type { RawFlow } from '../../../src/observe/reader.js';

const identifiers = { imei: '861234567890127', email_address: 'jane.doe@example.org' };
const destinations = { firstPartyDomains: ['nimbusmsg.com'] };

describe('detection worker pool', function () {
  this.timeout(60_000);
  let dir: string;
  let capture: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privdiff-pool-'));
    capture = join(dir, 'dense.pcap');
    await writeBigCapture(capture, 1_500_000, { pool: 300 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives observeCaptures the same flows, in the same order, as inline detection', async () => {
    const inline = await observeCaptures([capture], { identifiers, destinations, detectionWorkers: 0 });
    const pooled = await observeCaptures([capture], { identifiers, destinations, detectionWorkers: 2 });
    assert.ok(inline.flowCount > 1000, `a capture of ${inline.flowCount} flows fills several batches`);
    assert.equal(pooled.flowCount, inline.flowCount);
    assert.deepEqual(pooled.flows.map((f) => f.index), inline.flows.map((f) => f.index));
    assert.deepEqual(pooled.flows, inline.flows);
    const found = inline.flows.reduce((n, f) => n + f.detections.length, 0);
    assert.ok(found > inline.flowCount, `${found} detections: the capture carries personal data`);
  });

  it('still reports, in order and with detections, the flows read before a fault in the middle of a capture', async () => {
    const bytes = readFileSync(capture);
    // Find a record header past the middle and give it an impossible captured length.
    let at = 24;
    while (at < bytes.length / 2) at += 16 + bytes.readUInt32LE(at + 8);
    const broken = Buffer.from(bytes);
    broken.writeUInt32LE(0x7fffffff, at + 8);
    const file = join(dir, 'broken.pcap');
    writeFileSync(file, broken);
    const inline = await observeCaptures([file], { identifiers, destinations, detectionWorkers: 0 });
    const pooled = await observeCaptures([file], { identifiers, destinations, detectionWorkers: 1 });
    assert.equal(pooled.errors.length, 1);
    assert.match(pooled.errors[0]!.message, /byte \d+/);
    assert.ok(pooled.flowCount > 500, `${pooled.flowCount} flows before the fault`);
    assert.deepEqual(pooled.flows, inline.flows);
  });

  it('sends large request bodies in small batches and still answers as inline detection does', async () => {
    // 12 uploads of 1.5 MB: batches close on bytes (4 MB), not on count.
    const file = join(dir, 'uploads.jsonl');
    const body = (i: number) => JSON.stringify({ imei: '861234567890127', blob: 'x'.repeat(1_500_000), n: i });
    writeFileSync(file, Array.from({ length: 12 }, (_, i) => JSON.stringify({
      time: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`, protocol: 'http', host: 'upload.example', method: 'POST',
      url: 'http://upload.example/u', requestBody: { text: body(i), contentType: 'application/json' },
    })).join('\n'));
    const inline = await observeCaptures([file], { identifiers, destinations, detectionWorkers: 0 });
    const pooled = await observeCaptures([file], { identifiers, destinations, detectionWorkers: 2 });
    assert.equal(pooled.flowCount, 12);
    assert.deepEqual(pooled.flows, inline.flows);
    assert.ok(pooled.flows.every((f) => f.detections.some((d) => d.dataType === 'imei') && f.requestBodySize! > 1_500_000));
  });

  it('answers each batch with detectFlow()\'s detections for each flow', async () => {
    const flows: RawFlow[] = [
      { time: '2026-01-01T00:00:00.000Z', protocol: 'http', cleartext: true, host: 'a.example', url: 'http://a.example/t?imei=861234567890127&mail=jane.doe%40example.org', method: 'GET' },
      { time: '2026-01-01T00:00:01.000Z', protocol: 'http', cleartext: true, host: 'b.example', url: 'http://b.example/', method: 'POST', requestHeaders: [{ name: 'Content-Type', value: 'application/json' }], requestBody: { bytes: Buffer.from('{"phone":"+4915112345678","lat":52.52,"lon":13.405}'), contentType: 'application/json' } },
    ];
    const pool = new DetectionPool(1, identifiers);
    try {
      const [a, b] = await Promise.all([pool.detect(flows.map(detectInput)), pool.detect([detectInput(flows[1]!)])]);
      assert.deepEqual(a, flows.map((f) => detectFlow(f, identifiers)));
      assert.deepEqual(b, [detectFlow(flows[1]!, identifiers)]);
      assert.ok(a[0]!.some((d) => d.dataType === 'imei' && d.detector === 'known-values' && d.confidence === 1));
    } finally {
      await pool.close();
    }
  });

  it('falls back to this thread, with the same results and one warning, when the workers cannot start', async () => {
    const warnings: string[] = [];
    const pool = new DetectionPool(2, identifiers, { entry: new URL('./no-such-worker.js', import.meta.url).href, onFallback: (m) => warnings.push(m) });
    try {
      const flows: RawFlow[] = Array.from({ length: 5 }, (_, i) => ({ time: '2026-01-01T00:00:00.000Z', protocol: 'http', cleartext: true, host: 'a.example', url: `http://a.example/t?imei=861234567890127&n=${i}`, method: 'GET' }));
      const [a, b] = await Promise.all([pool.detect(flows.map(detectInput)), pool.detect(flows.slice(0, 2).map(detectInput))]);
      assert.deepEqual(a, flows.map((f) => detectFlow(f, identifiers)));
      assert.deepEqual(b, flows.slice(0, 2).map((f) => detectFlow(f, identifiers)));
      assert.deepEqual(await pool.detect([detectInput(flows[0]!)]), [detectFlow(flows[0]!, identifiers)], 'later batches too');
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /detection worker threads unavailable .*detecting on the main thread/);
    } finally {
      await pool.close();
    }
  });

  it('rejects the batch when detection throws in a worker, instead of waiting for ever', async () => {
    const pool = new DetectionPool(1);
    try {
      // Not a flow any reader makes: a header that is not one, so reading its name throws.
      const broken = { requestHeaders: [null as unknown as { name: string; value: string }] };
      await assert.rejects(pool.detect([broken]), /detection failed in a worker/);
    } finally {
      await pool.close();
    }
  });
});
