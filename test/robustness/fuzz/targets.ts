/**
 * Fuzz targets: one per parser, each with its seeds (real files read in place plus generated ones),
 * a dictionary of tokens the format cares about, and `run`, which feeds one input through the
 * parser and the stages right after it (detection, content decoding). A run may return normally or
 * throw InputError; anything else is a bug.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaptureReader, ReadContext } from '../../../src/observe/reader.js';
import { pcapReader } from '../../../src/observe/pcap/pcap.js';
import { pcapngReader } from '../../../src/observe/pcap/pcapng.js';
import { harReader } from '../../../src/observe/har/index.js';
import { mitmproxyReader } from '../../../src/observe/mitmproxy/index.js';
import { jsonlReader } from '../../../src/observe/jsonl/index.js';
import { detectFlow } from '../../../src/observe/detect/index.js';
import { Http1Parser } from '../../../src/observe/net/http1.js';
import { decodeContent } from '../../../src/observe/net/content-encoding.js';
import { parseDns } from '../../../src/observe/net/dns.js';
import { parseClientHelloRecords } from '../../../src/observe/net/tls-hello.js';
import { PcapParser } from '../../../src/observe/pcap/pcap-parser.js';
import { writePcapng, writePcap, TcpConversation } from '../../../src/observe/pcap/writer.js';
import { clientHello, dnsMessage } from '../../../src/observe/pcap/packet-builder.js';
import { decodeBytes } from '../../../src/load/charset.js';
import { htmlBlocks } from '../../../src/load/html.js';
import { pdfBlocks } from '../../../src/load/pdf.js';
import { makePdf } from '../../fixtures/load/make-pdf.js';
import { sampleMitmDump } from '../../fixtures/mitmproxy/write-flows.js';

export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const sharedData = resolve(repoRoot, '..', 'shared', 'data');

export interface FuzzTarget {
  name: string;
  /**
   * Seed inputs: the repository's own fixtures and generated files, plus, with `shared`, real
   * captures from ../shared/data when present. CI runs without them so that a clone with no
   * ../shared beside it fuzzes exactly the same inputs; longer campaigns (scripts/fuzz.ts) add them.
   */
  seeds(shared?: boolean): Uint8Array[];
  dictionary: readonly string[];
  /** Inputs are cut to this many bytes. */
  maxSize: number;
  /** Feeds one input through; `scratch` is a file path the target may write the input to. Returns the number of records produced. */
  run(input: Uint8Array, scratch: string): Promise<number>;
}

const SEED_LIMIT = 64 << 10;

/** Small files of a folder (in place), filtered by name. */
function filesIn(dir: string, test: (name: string) => boolean): Uint8Array[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(test)
    .sort()
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile() && statSync(path).size <= SEED_LIMIT)
    .map((path) => readFileSync(path));
}

/** Files of ../shared/data only when asked for: see FuzzTarget.seeds. */
function sharedFiles(shared: boolean | undefined, dir: string, test: (name: string) => boolean): Uint8Array[] {
  return shared ? filesIn(join(sharedData, ...dir.split('/')), test) : [];
}

function file(...parts: string[]): Uint8Array[] {
  const path = join(repoRoot, ...parts);
  return existsSync(path) ? [readFileSync(path)] : [];
}

const quiet: ReadContext = { source: 'fuzz', warn: () => {} };

/** A capture reader run on the input written to a file, with detection on every flow. */
async function readCapture(reader: CaptureReader, input: Uint8Array, scratch: string): Promise<number> {
  writeFileSync(scratch, input);
  let n = 0;
  for await (const flow of reader.read(scratch, { ...quiet, source: scratch })) {
    detectFlow(flow, { imei: '861234567890125', email_address: 'jane@example.org' });
    n++;
  }
  return n;
}

function generatedPcap(): Uint8Array {
  const c = new TcpConversation({ ip: '10.0.0.2', port: 40000 }, { ip: '203.0.113.7', port: 80 }, 1_700_000_000).handshake();
  const body = Buffer.from('{"imei":"861234567890125","contacts":[{"n":"Li","p":"13812345678"}]}');
  c.send(true, Buffer.from(`POST /v1/upload?oaid=abc HTTP/1.1\r\nHost: api.example.cn\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`));
  c.send(false, Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n'));
  c.close();
  return writePcap(c.frames);
}

export function pcapToPcapng(pcap: Uint8Array): Uint8Array {
  const parser = new PcapParser('seed');
  const packets = parser.push(pcap);
  return writePcapng([{ linkType: packets[0]?.linkType ?? 1 }], packets.map((p) => ({ kind: 'packet' as const, interfaceId: 0, frame: { time: p.time, data: p.data } })));
}

const HTTP_SEEDS = [
  'GET /track?imei=861234567890125&lat=30.27&lon=120.15 HTTP/1.1\r\nHost: t.example.com\r\nCookie: uid=42\r\n\r\n',
  'POST /api HTTP/1.1\r\nHost: a.example.com\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n7\r\nphone=1\r\n5\r\n38123\r\n0\r\nX-Trailer: 1\r\n\r\n',
  'POST /u HTTP/1.1\r\nHost: b.example.com\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\nHost: b.example.com\r\n\r\n',
  'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 204 No Content\r\n\r\n',
  'CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com:443\r\n\r\n',
];

const HTTP_DICT = ['\r\n', '\r\n\r\n', 'Content-Length: ', 'Transfer-Encoding: chunked\r\n', 'Content-Encoding: gzip\r\n', 'Content-Encoding: br\r\n', 'Content-Encoding: deflate, gzip\r\n', 'HTTP/1.1 ', 'GET / HTTP/1.1\r\n', 'ffffffff\r\n', '0\r\n\r\n', 'Upgrade: websocket\r\n', 'HTTP/1.1 101 Switching\r\n'];

async function runHttp(input: Uint8Array): Promise<number> {
  let n = 0;
  for (const kind of ['request', 'response'] as const) {
    const parser = new Http1Parser(kind, { maxHead: 64 << 10, maxBody: 1 << 20, requestMethod: () => 'GET' });
    // Two segments and a gap, cut where the input says: segment boundaries matter to the parser.
    const cut = input.length > 0 ? input[0]! % (input.length + 1) : 0;
    const events = [...parser.push({ data: input.subarray(0, cut), time: 1 }), ...parser.push({ data: input.subarray(cut), time: 2 })];
    if (input.length > 3 && input[1]! < 16) events.push(...parser.push({ gap: input[1]!, time: 3 }), ...parser.push({ data: input.subarray(0, 64), time: 4 }));
    events.push(...parser.end());
    for (const e of events) {
      if (!('message' in e)) continue;
      const coding = e.message.headers.find((h) => h.name.toLowerCase() === 'content-encoding')?.value;
      decodeContent(e.message.body, coding, 4 << 20);
      n++;
    }
  }
  return n;
}

export const targets: FuzzTarget[] = [
  {
    name: 'pcap',
    seeds: (shared) => [...file('examples', 'capture.pcap'), generatedPcap(), ...sharedFiles(shared, 'captures/pcapdroid', (n) => n.endsWith('.pcap') || n.startsWith('crash-'))],
    dictionary: ['\xd4\xc3\xb2\xa1', '\xa1\xb2\xc3\xd4', '\x4d\x3c\xb2\xa1', '\xff\xff\x00\x00', 'HTTP/1.1 ', 'Host: '],
    maxSize: 96 << 10,
    run: (input, scratch) => readCapture(pcapReader, input, scratch),
  },
  {
    name: 'pcapng',
    seeds: (shared) => [pcapToPcapng(generatedPcap()), ...file('examples', 'capture.pcap').map(pcapToPcapng), ...sharedFiles(shared, 'captures/tls-keylog', (n) => n.endsWith('.pcapng'))],
    dictionary: ['\x0a\x0d\x0d\x0a', '\x4d\x3c\x2b\x1a', '\x1a\x2b\x3c\x4d', '\x06\x00\x00\x00', '\x01\x00\x00\x00', '\x0a\x00\x00\x00', '\x4b\x53\x4c\x54'],
    maxSize: 96 << 10,
    run: (input, scratch) => readCapture(pcapngReader, input, scratch),
  },
  {
    name: 'har',
    seeds: (shared) => [...file('examples', 'capture.har'), ...file('test', 'fixtures', 'har', 'tools.har'), ...sharedFiles(shared, 'captures/mitmproxy', (n) => /\.z?har$/.test(n))],
    dictionary: ['{', '}', '[', ']', '"', '\\u0000', '\\ud800', '"log":', '"entries":[', '"request":', '"postData":{"text":"', '"encoding":"base64"', '"headers":[', '1e999', 'null', '\xef\xbb\xbf'],
    maxSize: 64 << 10,
    run: (input, scratch) => readCapture(harReader, input, scratch),
  },
  {
    name: 'mitmproxy',
    seeds: (shared) => [sampleMitmDump(), ...sharedFiles(shared, 'captures/mitmproxy', (n) => n.endsWith('.mitm'))],
    dictionary: ['0:~', '0:]', '0:}', '1:0#', '5:false!', '4:true!', '3:1.5^', ',', '7:request;', '8:response;', '7:content,', '7:version;', '99999999:'],
    maxSize: 64 << 10,
    run: (input, scratch) => readCapture(mitmproxyReader, input, scratch),
  },
  {
    name: 'jsonl',
    seeds: () => file('test', 'fixtures', 'jsonl', 'flows.jsonl'),
    dictionary: ['\n', '{', '}', '"', '"url":"http://', '"body":{"base64":"', '"headers":[["a","b"]]', 'null', '\\u0000'],
    maxSize: 32 << 10,
    run: (input, scratch) => readCapture(jsonlReader, input, scratch),
  },
  {
    name: 'http',
    seeds: () => HTTP_SEEDS.map((s) => Buffer.from(s, 'latin1')),
    dictionary: HTTP_DICT,
    maxSize: 16 << 10,
    run: runHttp,
  },
  {
    name: 'dns',
    seeds: () => [
      dnsMessage(1, 'api.example.cn', 'A'),
      dnsMessage(2, 'cdn.example.com', 'AAAA', [{ type: 'CNAME', value: 'edge.example.net' }, { type: 'AAAA', name: 'edge.example.net', value: '2001:db8::1' }]),
      dnsMessage(3, 'x.example.org', 'A', [{ type: 'A', value: '203.0.113.9' }]),
    ],
    dictionary: ['\xc0\x0c', '\xc0\x00', '\x3f', '\x00\x01\x00\x01'],
    maxSize: 4096,
    run: async (input) => (typeof parseDns(input) === 'string' ? 0 : 1),
  },
  {
    name: 'tls',
    seeds: () => [clientHello('api.example.com', ['h2', 'http/1.1']), clientHello(undefined), clientHello('x.example.cn', [], 3)],
    dictionary: ['\x16\x03\x01', '\x00\x00', '\x00\x10', '\xff\xff', '\x01\x00'],
    maxSize: 4096,
    run: async (input) => (typeof parseClientHelloRecords(input) === 'string' ? 0 : 1),
  },
  {
    name: 'html',
    seeds: () => [...file('examples', 'policy.en.html'), ...file('test', 'fixtures', 'load', 'page.html'), ...file('test', 'fixtures', 'load', 'gbk-declared.html')],
    dictionary: ['<div>', '</div>', '<table><tr><td>', '<h2>', '<li>', '<!--', '-->', '<script>', '<meta charset="gbk">', '&#x0;', '&amp;', '<![CDATA['],
    maxSize: 64 << 10,
    run: async (input) => htmlBlocks(decodeBytes(input, { html: true }).text).blocks.length,
  },
  {
    name: 'pdf',
    seeds: () => [makePdf([['1. Who we are', 'We collect your phone number and device IMEI.'], ['2. Sharing', 'We share data with Umeng.']])],
    dictionary: ['obj', 'endobj', 'stream\n', 'endstream', '/Length 99999', '<<', '>>', ' 0 R', 'xref', 'trailer', '/FlateDecode'],
    maxSize: 16 << 10,
    run: async (input) => (await pdfBlocks(input, 'fuzz.pdf')).length,
  },
];

export function targetNamed(name: string): FuzzTarget {
  const t = targets.find((x) => x.name === name);
  if (!t) throw new Error(`no fuzz target ${name} (have ${targets.map((x) => x.name).join(', ')})`);
  return t;
}
