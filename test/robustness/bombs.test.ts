/**
 * Decompression bombs: bodies of about 1 MB that inflate to 1 GiB (gzip, deflate zlib-wrapped and
 * raw, brotli). Every place privdiff inflates must stop at its bound quickly, keep the body encoded
 * with a problem note, and carry on; the capture path is measured for memory in a child process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeContent as decodeHttpContent } from '../../src/observe/net/content-encoding.js';
import { decodeContent as decodeMitmContent } from '../../src/observe/mitmproxy/content-encoding.js';
import { detectFlow } from '../../src/observe/detect/index.js';
import type { RawFlow } from '../../src/observe/reader.js';
import { brotliBomb, deflateBomb, gzipBomb } from './bombs.js';
import { runChild } from './child.js';
import { imeiRequest, PcapStream, TcpWriter } from './hostile-capture.js';

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('decompression bombs (1 GiB of zeros in ~1 MB)', function () {
  this.timeout(120_000);
  const bombs: Record<string, Buffer> = {};
  before(async () => {
    bombs.gzip = gzipBomb();
    bombs.deflate = deflateBomb(true);
    bombs['deflate (raw)'] = deflateBomb(false);
    bombs.br = await brotliBomb();
  });

  it('the bombs are small', () => {
    for (const [name, bytes] of Object.entries(bombs)) assert.ok(bytes.length < 2 << 20, `${name}: ${bytes.length} bytes`);
  });

  for (const name of ['gzip', 'deflate', 'deflate (raw)', 'br']) {
    const coding = name.split(' ')[0]!;
    it(`${name}: HTTP content decoding stops at its bound and leaves the body encoded`, () => {
      const { value, ms } = timed(() => decodeHttpContent(bombs[name]!, coding));
      assert.match(value.problem ?? '', /decodes to more than \d+ bytes/);
      assert.equal(value.bytes.length, bombs[name]!.length);
      assert.ok(ms < 5_000, `${Math.round(ms)} ms`);
    });

    it(`${name}: mitmproxy body decoding stops at its bound`, () => {
      const { value, ms } = timed(() => decodeMitmContent(bombs[name]!, coding));
      assert.match(value.problem ?? '', /decodes to more than \d+ bytes/);
      assert.ok(ms < 5_000, `${Math.round(ms)} ms`);
    });
  }

  it('a gzip bomb sent as a body without Content-Encoding: detection inflates a bounded prefix only', () => {
    const flow = {
      time: '2026-01-01T00:00:00.000Z', protocol: 'http', cleartext: true, host: 'api.example.cn', serverIp: '203.0.113.9', serverPort: 80,
      method: 'POST', url: 'http://api.example.cn/u?imei=861234567890127', requestHeaders: [], requestBody: { bytes: bombs.gzip!, contentType: 'application/octet-stream' },
    } as RawFlow;
    const { value, ms } = timed(() => detectFlow(flow));
    assert.ok(value.some((d) => d.dataType === 'imei'), 'the URL is still scanned');
    assert.ok(ms < 5_000, `${Math.round(ms)} ms`);
  });

  it('a pcap with a gzip bomb request body: bounded memory, body left encoded, later connections still read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privdiff-bomb-'));
    try {
      const file = join(dir, 'bomb.pcap');
      const out = new PcapStream(file);
      const bomb = new TcpWriter(out, { ip: '10.0.0.2', port: 40001 }, { ip: '203.0.113.9', port: 80 });
      bomb.send(Buffer.from(`POST /upload HTTP/1.1\r\nHost: bomb.example.cn\r\nContent-Encoding: gzip\r\nContent-Length: ${bombs.gzip!.length}\r\n\r\n`));
      bomb.send(bombs.gzip!);
      bomb.end();
      const after = new TcpWriter(out, { ip: '10.0.0.2', port: 40002 }, { ip: '203.0.113.9', port: 80 });
      after.send(imeiRequest());
      after.end();
      out.close();
      const { report, peakRssMb } = await runChild('read-capture.ts', [file]);
      const flows = report.flows as Array<{ host: string; problems: string[]; types: string[] }>;
      const bombFlow = flows.find((f) => f.host === 'bomb.example.cn');
      assert.ok(bombFlow, 'the bomb request is a flow');
      assert.ok(bombFlow.problems.some((p) => /more than \d+ bytes/.test(p)), JSON.stringify(bombFlow.problems));
      assert.ok(flows.some((f) => f.types.includes('imei')), 'the next connection is read and scanned');
      // About 200 MiB when run alone and up to ~450 MiB late in a full suite; inflating the bomb
      // would take the whole gibibyte.
      assert.ok(peakRssMb < 600, `peak RSS ${Math.round(peakRssMb)} MiB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
