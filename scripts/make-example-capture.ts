/**
 * Writes the embedded demo capture (deterministic): the "Nimbus Messages" app on a phone in the EU
 * uploads its IMEI, phone number and address book in clear text to a server in China, and a
 * third-party analytics SDK receives the hashed IMEI. Outputs examples/capture.pcap, the same HTTP
 * requests as examples/capture.har, and the device's identifiers as examples/identifiers.json.
 *
 *   npx tsx scripts/make-example-capture.ts
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { clientHello, dnsMessage, ethernet, ipv4, udp } from '../src/observe/pcap/packet-builder.js';
import { TcpConversation, writePcap, type TimedFrame } from '../src/observe/pcap/writer.js';

const root = new URL('../', import.meta.url);
const PHONE_IP = '192.168.1.23';
const RESOLVER = '192.168.1.1';
const HOSTS = {
  api: { name: 'api.nimbusmsg.com', ip: '36.110.58.21' },
  push: { name: 'push.nimbusmsg.com', ip: '36.110.58.22' },
  umeng: { name: 'log.umeng.com', ip: '106.11.248.146' },
};
// The brief's 861234567890125 fails the Luhn check; 7 is the valid check digit for 86123456789012.
const IMEI = '861234567890127';
const PHONE = '+4915112345678';
const USER_AGENT = 'NimbusMessages/3.2.1 (Android 14; NM-7 Pro)';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
if (!luhnValid(IMEI)) throw new Error(`IMEI ${IMEI} fails the Luhn check`);

// 2026-03-02 09:14:58 in Berlin (CET, UTC+1).
const START = Date.UTC(2026, 2, 2, 8, 14, 58) / 1000;
const frames: TimedFrame[] = [];
let clientPort = 40110;
let dnsId = 0x3a10;

function dns(name: string, address: string, at: number): void {
  const id = dnsId++;
  const port = 51000 + (id & 0xff);
  const query = dnsMessage(id, name, 'A');
  const answer = dnsMessage(id, name, 'A', [{ type: 'A', value: address }]);
  frames.push({ time: at, data: ethernet(ipv4(udp(query, { src: PHONE_IP, dst: RESOLVER, srcPort: port, dstPort: 53 }), { src: PHONE_IP, dst: RESOLVER, protocol: 17, id })) });
  frames.push({ time: at + 0.021, data: ethernet(ipv4(udp(answer, { src: RESOLVER, dst: PHONE_IP, srcPort: 53, dstPort: port }), { src: RESOLVER, dst: PHONE_IP, protocol: 17, id: id + 1 })) });
}

interface Exchange {
  method: string;
  host: string;
  path: string;
  headers: Array<[string, string]>;
  body?: Buffer;
  /** The body as sent on the wire (after content coding). */
  wire?: Buffer;
  status: number;
  responseBody: string;
}

function httpBytes(x: Exchange): { request: Buffer; response: Buffer } {
  const wire = x.wire ?? x.body;
  const head = [`${x.method} ${x.path} HTTP/1.1`, `Host: ${x.host}`, ...x.headers.map(([n, v]) => `${n}: ${v}`)];
  if (wire) head.push(`Content-Length: ${wire.length}`);
  const request = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), wire ?? Buffer.alloc(0)]);
  const body = Buffer.from(x.responseBody, 'utf8');
  const response = Buffer.from(`HTTP/1.1 ${x.status} OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${x.responseBody}`, 'utf8');
  return { request, response };
}

function conversation(serverIp: string, serverPort: number, at: number): TcpConversation {
  return new TcpConversation({ ip: PHONE_IP, port: clientPort++ }, { ip: serverIp, port: serverPort }, at, { step: 0.012, mss: 1400 });
}

const register: Exchange = {
  method: 'POST',
  host: HOSTS.api.name,
  path: '/v1/device/register',
  headers: [['User-Agent', USER_AGENT], ['Content-Type', 'application/x-www-form-urlencoded'], ['Accept', 'application/json']],
  body: Buffer.from(new URLSearchParams({ imei: IMEI, phone: PHONE, model: 'NM-7 Pro', os: 'Android 14' }).toString()),
  status: 200,
  responseBody: '{"ok":true,"deviceToken":"d7f3c2a9e1"}',
};

const contacts = {
  imei: IMEI,
  contacts: [
    { name: 'Anna Schmidt', phone: '+49 151 23456781' },
    { name: 'Jonas Weber', phone: '+49 160 98765432' },
    { name: 'Lea Fischer', phone: '+49 170 5551234', email: 'lea.fischer@example.de' },
    { name: 'Mehmet Yilmaz', phone: '+49 152 33445566' },
    { name: 'Sophie Wagner', phone: '+49 176 12121212' },
  ],
};
const contactsJson = Buffer.from(JSON.stringify(contacts), 'utf8');
const sync: Exchange = {
  method: 'POST',
  host: HOSTS.api.name,
  path: '/v1/contacts/sync',
  headers: [['User-Agent', USER_AGENT], ['Content-Type', 'application/json; charset=utf-8'], ['Content-Encoding', 'gzip'], ['Accept', 'application/json']],
  body: contactsJson,
  // mtime 0 and a fixed level keep the gzip bytes the same on every run.
  wire: gzipSync(contactsJson, { level: 9 }),
  status: 200,
  responseBody: '{"ok":true,"synced":5}',
};

const imeiMd5 = createHash('md5').update(IMEI).digest('hex');
const umeng: Exchange = {
  method: 'GET',
  host: HOSTS.umeng.name,
  path: `/stat?ak=5f8e2b7c9a1d4e3f&imei=${imeiMd5}&os=android`,
  headers: [['User-Agent', 'UMengAnalytics/9.6.3 (Android 14)'], ['Accept', '*/*']],
  status: 200,
  responseBody: '{"status":"ok"}',
};

function runHttp(x: Exchange, at: number): number {
  const c = conversation(HOSTS.api.name === x.host ? HOSTS.api.ip : HOSTS.umeng.ip, 80, at).handshake();
  const { request, response } = httpBytes(x);
  c.send(true, request);
  c.time += 0.180; // the server's round trip from Europe
  c.send(false, response);
  c.close();
  frames.push(...c.frames);
  return c.time;
}

const har: { entries: unknown[] } = { entries: [] };
function harEntry(x: Exchange, at: number, serverIp: string): void {
  const url = `http://${x.host}${x.path}`;
  const headers = [{ name: 'Host', value: x.host }, ...x.headers.map(([name, value]) => ({ name, value }))];
  const wire = x.wire ?? x.body;
  if (wire) headers.push({ name: 'Content-Length', value: String(wire.length) });
  const query = [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  const contentType = x.headers.find(([n]) => n === 'Content-Type')?.[1];
  const request: Record<string, unknown> = { method: x.method, url, httpVersion: 'HTTP/1.1', cookies: [], headers, queryString: query, headersSize: -1, bodySize: wire?.length ?? 0 };
  if (x.body) request.postData = { mimeType: contentType ?? 'application/octet-stream', text: x.body.toString('utf8') };
  har.entries.push({
    startedDateTime: new Date(Math.round(at * 1000)).toISOString(),
    time: 204,
    request,
    response: {
      status: x.status, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [],
      headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Content-Length', value: String(Buffer.byteLength(x.responseBody)) }],
      content: { size: Buffer.byteLength(x.responseBody), mimeType: 'application/json', text: x.responseBody },
      redirectURL: '', headersSize: -1, bodySize: Buffer.byteLength(x.responseBody),
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: 12, send: 1, wait: 180, receive: 11, ssl: -1 },
    serverIPAddress: serverIp,
  });
}

// The timeline: resolve the API host, register the device, sync the address book, open the push
// channel over TLS, and then the analytics SDK reports.
let t = START;
dns(HOSTS.api.name, HOSTS.api.ip, t);
t += 0.5;
harEntry(register, t + 0.036, HOSTS.api.ip);
t = runHttp(register, t) + 1.2;
harEntry(sync, t + 0.036, HOSTS.api.ip);
t = runHttp(sync, t) + 0.8;
dns(HOSTS.push.name, HOSTS.push.ip, t);
t += 0.4;
const push = conversation(HOSTS.push.ip, 443, t).handshake();
push.send(true, clientHello(HOSTS.push.name, ['http/1.1']));
push.close();
frames.push(...push.frames);
t = push.time + 2.5;
dns(HOSTS.umeng.name, HOSTS.umeng.ip, t);
t += 0.4;
harEntry(umeng, t + 0.036, HOSTS.umeng.ip);
runHttp(umeng, t);

frames.sort((a, b) => a.time - b.time);
writeFileSync(new URL('examples/capture.pcap', root), writePcap(frames));
const harLog = { log: { version: '1.2', creator: { name: 'privdiff make-example-capture', version: '1' }, pages: [], entries: har.entries } };
writeFileSync(new URL('examples/capture.har', root), `${JSON.stringify(harLog, null, 2)}\n`);
writeFileSync(new URL('examples/identifiers.json', root), `${JSON.stringify({ imei: IMEI, phone_number: PHONE }, null, 2)}\n`);
console.log(`wrote examples/capture.pcap (${frames.length} packets), examples/capture.har (${har.entries.length} entries), examples/identifiers.json`);
