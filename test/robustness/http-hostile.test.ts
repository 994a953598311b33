/**
 * Hostile HTTP over TCP: a 10 MB header line, a chunked body that never ends, a connection that
 * never closes. The parser must bound what it keeps, note the problem, and go on reading; the
 * capture runs are measured for peak memory in a child process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Http1Parser, type HttpEvent } from '../../src/observe/net/http1.js';
import { runChild } from './child.js';
import { imeiRequest, PcapStream, TcpWriter } from './hostile-capture.js';

const OPTIONS = { maxHead: 64 << 10, maxBody: 16 << 20 };

function pushAll(parser: Http1Parser, data: Buffer, segment = 64 << 10): HttpEvent[] {
  const events: HttpEvent[] = [];
  for (let at = 0; at < data.length; at += segment) events.push(...parser.push({ data: data.subarray(at, at + segment), time: 1 }));
  return events;
}

const messages = (events: HttpEvent[]) => events.flatMap((e) => ('message' in e ? [e.message] : []));

describe('hostile HTTP streams', function () {
  this.timeout(180_000);

  it('a 10 MB header line is skipped quickly and the next request is parsed', () => {
    const parser = new Http1Parser('request', OPTIONS);
    const start = performance.now();
    const events = pushAll(parser, Buffer.concat([Buffer.from('GET /big HTTP/1.1\r\nX-Junk: '), Buffer.alloc(10 << 20, 0x61), Buffer.from('\r\n\r\n'), imeiRequest()]));
    events.push(...parser.end());
    const ms = performance.now() - start;
    const targets = messages(events).map((m) => m.target);
    assert.ok(targets.some((t) => t?.startsWith('/after?imei=')), JSON.stringify(targets));
    assert.ok(parser.notes.some((n) => /longer than 65536/.test(n)) || messages(events).some((m) => m.problems.some((p) => /longer than 65536/.test(p))), JSON.stringify(parser.notes));
    assert.ok(ms < 5_000, `${Math.round(ms)} ms`);
  });

  it('a chunked body of 256 MB keeps at most maxBody bytes and counts the rest', () => {
    const parser = new Http1Parser('request', OPTIONS);
    const events = parser.push({ data: Buffer.from('POST /stream HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n'), time: 1 });
    const chunk = Buffer.concat([Buffer.from('fff0\r\n'), Buffer.alloc(0xfff0, 0x62), Buffer.from('\r\n')]);
    const segment = Buffer.concat(Array.from({ length: 16 }, () => chunk));
    const rounds = Math.ceil((256 << 20) / segment.length);
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const start = performance.now();
    for (let i = 0; i < rounds; i++) events.push(...parser.push({ data: segment, time: 1 + i }));
    const ms = performance.now() - start;
    const grown = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore;
    assert.equal(messages(events).length, 0, 'the message has not ended');
    events.push(...parser.end());
    const [message] = messages(events);
    assert.ok(message);
    assert.equal(message.body.length, OPTIONS.maxBody);
    assert.equal(message.bodySize, rounds * 16 * 0xfff0);
    assert.ok(message.problems.some((p) => /truncated|cut/.test(p)), JSON.stringify(message.problems));
    assert.ok(grown < 128 << 20, `memory grew by ${Math.round(grown / 2 ** 20)} MiB`);
    assert.ok(ms < 20_000, `${Math.round(ms)} ms`);
  });

  it('a capture with a never-closing 600 MB chunked upload and a 10 MB header: bounded memory, the rest still read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privdiff-hostile-'));
    try {
      const file = join(dir, 'hostile.pcap');
      const out = new PcapStream(file);
      const endless = new TcpWriter(out, { ip: '10.0.0.2', port: 40001 }, { ip: '203.0.113.9', port: 80 });
      endless.send(Buffer.from('POST /stream?imei=861234567890127 HTTP/1.1\r\nHost: endless.example.cn\r\nTransfer-Encoding: chunked\r\n\r\n'));
      const header = new TcpWriter(out, { ip: '10.0.0.2', port: 40002 }, { ip: '203.0.113.9', port: 80 });
      header.send(Buffer.concat([Buffer.from('GET /h HTTP/1.1\r\nHost: header.example.cn\r\nX-Junk: '), Buffer.alloc(10 << 20, 0x61), Buffer.from('\r\n\r\n')]));
      header.send(imeiRequest('/after-header'));
      header.end();
      const chunk = Buffer.concat([Buffer.from('578\r\n'), Buffer.alloc(0x578, 0x63), Buffer.from('\r\n')]);
      for (let sent = 0; sent < 600 << 20; sent += chunk.length * 64) endless.send(Buffer.concat(Array.from({ length: 64 }, () => chunk)));
      // No FIN: the capture stops in the middle of the body.
      out.close();
      const { report, peakRssMb } = await runChild('read-capture.ts', [file], 170_000);
      const flows = report.flows as Array<{ host: string; url?: string; problems: string[]; types: string[]; bodySize?: number }>;
      const endlessFlow = flows.find((f) => f.host === 'endless.example.cn');
      assert.ok(endlessFlow, 'the open connection becomes a flow at the end of the capture');
      assert.ok(endlessFlow.types.includes('imei'));
      assert.ok((endlessFlow.bodySize ?? 0) <= 16 << 20, `kept ${endlessFlow.bodySize} bytes`);
      assert.ok(flows.some((f) => f.url?.includes('/after-header') && f.types.includes('imei')), 'the request after the huge header is read');
      // About 200 MiB when run alone and up to ~530 MiB late in a full suite (the garbage collector
      // runs later there); a reader that kept the body would need the 600 MB on top.
      assert.ok(peakRssMb < 700, `peak RSS ${Math.round(peakRssMb)} MiB`);
      console.log(`      peak RSS reading 600 MB of one never-closing connection: ${Math.round(peakRssMb)} MiB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
