/**
 * Generates a large pcap of realistic app traffic, streamed to disk: DNS lookups, TLS handshakes to
 * HTTPS hosts, and clear-text HTTP requests from SDKs and the app's own API carrying personal data
 * (IMEI, advertising id, phone, e-mail, coordinates, installed apps, address book) in query strings,
 * form and JSON bodies, some gzip-encoded, with responses (some chunked). A pool of distinct
 * conversations is built once and replayed with advancing timestamps until the size is reached.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { gzipSync } from 'node:zlib';
import { clientHello, dnsMessage, ethernet, ipv4, udp } from '../src/observe/pcap/packet-builder.js';
import { TcpConversation, writePcap, type TimedFrame } from '../src/observe/pcap/writer.js';

const PHONE = '192.168.1.23';
const RESOLVER = '192.168.1.1';
const HOSTS = [
  { name: 'api.nimbusmsg.com', ip: '36.110.58.21' },
  { name: 'log.umeng.com', ip: '106.11.248.146' },
  { name: 'graph.facebook.com', ip: '157.240.20.19' },
  { name: 'app-measurement.com', ip: '142.250.185.78' },
  { name: 'api2.branch.io', ip: '18.66.122.10' },
  { name: 'sdk.open.talkingdata.com', ip: '47.94.1.20' },
  { name: 'ulogs.umengcloud.com', ip: '106.11.248.147' },
  { name: 'sessions.bugsnag.com', ip: '35.186.205.6' },
];
const IMEI = '861234567890127';
const OAID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const UA = 'NimbusMessages/3.2.1 (Linux; Android 14; NM-7 Pro Build/UP1A.231005.007)';

function request(i: number, host: string): { head: string; body: Buffer } {
  const lat = (30.27 + (i % 100) / 1e4).toFixed(5);
  const lon = (120.15 + (i % 77) / 1e4).toFixed(5);
  switch (i % 5) {
    case 0:
      return { head: `GET /v1/track?imei=${IMEI}&oaid=${OAID}&lat=${lat}&lon=${lon}&seq=${i} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${UA}\r\nAccept: */*\r\n`, body: Buffer.alloc(0) };
    case 1: {
      const body = Buffer.from(`device_id=${IMEI}&mobile=%2B4915112345678&email=jane.doe%40example.org&os=Android%2014&seq=${i}`);
      return { head: `POST /collect HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${UA}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n`, body };
    }
    case 2: {
      const json = JSON.stringify({ header: { imei: IMEI, oaid: OAID, mac: '02:1a:11:f0:c4:9e', model: 'NM-7 Pro', carrier: 'Vodafone' }, events: Array.from({ length: 6 }, (_, k) => ({ id: `evt_${k}`, ts: 1_772_000_000 + i + k, page: 'chat/compose' })), seq: i });
      const body = gzipSync(json);
      return { head: `POST /app/logs HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${UA}\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n`, body };
    }
    case 3: {
      const body = Buffer.from(JSON.stringify({ contacts: [{ name: 'Li Wei', phone: '13812345678' }, { name: 'Anna Schmidt', phone: '+4917612345678' }, { name: 'Mum', phone: '+4930123456' }], apps: ['com.tencent.mm', 'com.eg.android.AlipayGphone', 'com.ss.android.ugc.aweme'], seq: i }));
      return { head: `POST /v2/contacts/sync HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${UA}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${body.length}\r\n`, body };
    }
    default:
      return { head: `GET /config?app=nimbus&v=3.2.1&seq=${i} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${UA}\r\nCookie: sid=${(i * 2654435761 >>> 0).toString(16)}; uid=u${i % 1000}\r\n`, body: Buffer.alloc(0) };
  }
}

function response(i: number): Buffer {
  if (i % 3 === 0) return Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n b\r\n{"ok":true}\r\n0\r\n\r\n'.replace(' b', 'b'));
  const body = JSON.stringify({ ok: true, next: 300, config: { sample: 0.1, endpoints: ['a', 'b'] } });
  return Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nServer: nginx\r\n\r\n${body}`);
}

/**
 * Traffic profiles. `dense`: small API calls only (about 1 KB per conversation, one in seven TLS),
 * the worst case per byte for a tool that looks inside every request. `mixed`: the same requests,
 * with transfer sizes closer to what apps move: JSON responses of 1–4 KB, one HTTP response in
 * five an image of 16–64 KB, and half the conversations TLS carrying 4–48 KB of application data.
 * `chatty`: what a real app does per request: a DNS lookup and its answer, every other request a
 * TLS ClientHello to an analytics host, and an HTTP POST (half of them gzip) whose JSON body carries
 * the IMEI, phone number, advertising id and coordinates, every eighth one an address book of
 * 50–200 phone numbers; about 1.3 KB of capture and 2.5 flows per request.
 */
export type CaptureProfile = 'dense' | 'mixed' | 'chatty';

/** Deterministic pseudo-random size in [min, max) for conversation i (no Math.random: captures are reproducible). */
const sizeFor = (i: number, salt: number, min: number, max: number) => min + (((i + salt) * 2654435761) >>> 0) % (max - min);

/** A response with a body of `length` bytes of the given type (bytes repeat: only their size matters here). */
function sizedResponse(type: string, length: number): Buffer {
  return Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\nCache-Control: max-age=3600\r\n\r\n`), Buffer.alloc(length, type.startsWith('image/') ? 0xa5 : 0x20)]);
}

/** TLS application-data records (type 23, TLS 1.2 on the wire) of about `length` bytes in all. */
function appData(length: number): Buffer {
  const records: Buffer[] = [];
  for (let left = length; left > 0; left -= 16_384) {
    const n = Math.min(left, 16_384);
    const head = Buffer.from([0x17, 0x03, 0x03, n >> 8, n & 0xff]);
    records.push(head, Buffer.alloc(n, 0x3c));
  }
  return Buffer.concat(records);
}

const ANALYTICS = [HOSTS[3]!, HOSTS[4]!, HOSTS[7]!];

/** The JSON upload of chatty-profile request i: device ids and location, every eighth one an address book. */
function chattyBody(i: number): Buffer {
  const payload: Record<string, unknown> = {
    imei: IMEI, phone: '+4915112345678', oaid: OAID, lat: 30.27 + (i % 100) / 1e4, lon: 120.15 + (i % 77) / 1e4, seq: i,
  };
  if (i % 8 === 5) {
    const n = sizeFor(i, 5, 50, 201);
    payload.contacts = Array.from({ length: n }, (_, k) => ({ n: `c${k}`, p: `+49151${String(10_000_000 + ((i * 7919 + k * 104_729) % 89_999_999)).padStart(8, '0')}` }));
  }
  const json = Buffer.from(JSON.stringify(payload));
  return i % 2 === 0 ? gzipSync(json) : json;
}

/** Chatty-profile request i: DNS lookup, (every other request) a TLS hello to an analytics host, the POST. */
function chattyConversation(i: number): TimedFrame[] {
  const host = HOSTS[i % HOSTS.length]!;
  const frames: TimedFrame[] = [];
  const port = 32768 + ((i * 3) % 28000);
  const q = dnsMessage(i & 0xffff, host.name, 'A');
  const a = dnsMessage(i & 0xffff, host.name, 'A', [{ type: 'A', value: host.ip }]);
  frames.push({ time: 0, data: ethernet(ipv4(udp(q, { src: PHONE, dst: RESOLVER, srcPort: port, dstPort: 53 }), { src: PHONE, dst: RESOLVER, protocol: 17, id: i & 0xffff })) });
  frames.push({ time: 0.01, data: ethernet(ipv4(udp(a, { src: RESOLVER, dst: PHONE, srcPort: 53, dstPort: port }), { src: RESOLVER, dst: PHONE, protocol: 17, id: (i + 1) & 0xffff })) });
  if (i % 2 === 0) {
    const analytics = ANALYTICS[(i >> 1) % ANALYTICS.length]!;
    const t = new TcpConversation({ ip: PHONE, port: port + 1 }, { ip: analytics.ip, port: 443 }, 0.015, { step: 0.001 }).handshake();
    t.send(true, clientHello(analytics.name, ['h2', 'http/1.1'], i & 0xff));
    t.close();
    frames.push(...t.frames);
  }
  const body = chattyBody(i);
  const gzip = i % 2 === 0 ? 'Content-Encoding: gzip\r\n' : '';
  const head = `POST /v3/events?seq=${i} HTTP/1.1\r\nHost: ${host.name}\r\nUser-Agent: ${UA}\r\nContent-Type: application/json\r\n${gzip}Content-Length: ${body.length}\r\n\r\n`;
  const c = new TcpConversation({ ip: PHONE, port: port + 2 }, { ip: host.ip, port: 80 }, 0.02, { step: 0.001 }).handshake();
  c.send(true, Buffer.concat([Buffer.from(head), body]));
  c.send(false, Buffer.from('HTTP/1.1 204 No Content\r\nServer: nginx\r\n\r\n'));
  c.close();
  frames.push(...c.frames);
  return frames;
}

/** One conversation's frames, times relative to 0. */
function conversation(i: number, profile: CaptureProfile = 'dense'): TimedFrame[] {
  if (profile === 'chatty') return chattyConversation(i);
  const host = HOSTS[i % HOSTS.length]!;
  const frames: TimedFrame[] = [];
  const port = 32768 + (i % 28000);
  if (i % 4 === 0) {
    const q = dnsMessage(i & 0xffff, host.name, 'A');
    const a = dnsMessage(i & 0xffff, host.name, 'A', [{ type: 'A', value: host.ip }]);
    frames.push({ time: 0, data: ethernet(ipv4(udp(q, { src: PHONE, dst: RESOLVER, srcPort: port, dstPort: 53 }), { src: PHONE, dst: RESOLVER, protocol: 17, id: i & 0xffff })) });
    frames.push({ time: 0.02, data: ethernet(ipv4(udp(a, { src: RESOLVER, dst: PHONE, srcPort: 53, dstPort: port }), { src: RESOLVER, dst: PHONE, protocol: 17, id: (i + 1) & 0xffff })) });
  }
  const mixed = profile === 'mixed';
  const tls = mixed ? i % 2 === 1 : i % 7 === 3;
  const c = new TcpConversation({ ip: PHONE, port }, { ip: host.ip, port: tls ? 443 : 80 }, 0.03, { step: 0.002 }).handshake();
  if (tls) {
    c.send(true, clientHello(host.name, ['h2', 'http/1.1'], i & 0xff));
    c.send(false, Buffer.alloc(1200, 0x17)); // server flight, opaque
    if (mixed) {
      c.send(true, appData(sizeFor(i, 1, 512, 4096)));
      c.send(false, appData(sizeFor(i, 2, 4096, 49_152)));
    }
  } else {
    const { head, body } = request(i, host.name);
    c.send(true, Buffer.concat([Buffer.from(`${head}\r\n`), body]));
    if (!mixed) c.send(false, response(i));
    else if (i % 5 === 2) c.send(false, sizedResponse('image/webp', sizeFor(i, 3, 16_384, 65_536)));
    else c.send(false, sizedResponse('application/json', sizeFor(i, 4, 1024, 4096)));
  }
  c.close();
  frames.push(...c.frames);
  return frames;
}

const PHONE_BYTES = Buffer.from(PHONE.split('.').map(Number));

/**
 * The frame as another phone (10.x.y.z for replay round `round`) sent or received it: each replay
 * of the pool is then a new set of connections (same addresses and sequence numbers again would be
 * retransmissions to tshark). IP and TCP/UDP checksums are updated incrementally (RFC 1624).
 */
function withPhoneAddress(frame: Uint8Array, round: number): Buffer {
  const b = Buffer.from(frame);
  const at = b.indexOf(PHONE_BYTES, 26) === 26 ? 26 : b.indexOf(PHONE_BYTES, 30) === 30 ? 30 : -1;
  if (at < 0 || b.readUInt16BE(12) !== 0x0800) return b;
  const ip = [10, (round >> 16) & 0xff, (round >> 8) & 0xff, round & 0xff];
  const old = [b.readUInt16BE(at), b.readUInt16BE(at + 2)];
  b.set(ip, at);
  const now = [b.readUInt16BE(at), b.readUInt16BE(at + 2)];
  const fix = (offset: number) => {
    let sum = ~b.readUInt16BE(offset) & 0xffff;
    for (let k = 0; k < 2; k++) sum += (~old[k]! & 0xffff) + now[k]!;
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    b.writeUInt16BE(~sum & 0xffff, offset);
  };
  fix(24);
  const transport = 14 + (b[14]! & 0x0f) * 4;
  if (b[23] === 6) fix(transport + 16);
  else if (b[23] === 17 && b.readUInt16BE(transport + 6) !== 0) fix(transport + 6);
  return b;
}

/** Writes about `bytes` bytes of capture; resolves with the flows written and the exact size. */
export async function writeBigCapture(path: string, bytes: number, options: { pool?: number; profile?: CaptureProfile } = {}): Promise<{ bytes: number; conversations: number }> {
  const pool = Array.from({ length: options.pool ?? 2048 }, (_, i) => conversation(i, options.profile));
  const out = createWriteStream(path);
  const header = writePcap([]);
  let written = header.length;
  out.write(header);
  let time = 1_772_440_000;
  let n = 0;
  while (written < bytes) {
    const parts: Buffer[] = [];
    for (let k = 0; k < 256 && written < bytes; k++, n++) {
      const frames = pool[n % pool.length]!;
      // Records carry the time: the pooled packets are reused as they are, only their record headers change.
      const round = Math.floor(n / pool.length);
      for (const f0 of frames) {
        const f = round === 0 ? f0 : { time: f0.time, data: withPhoneAddress(f0.data, round) };
        const record = Buffer.alloc(16);
        const t = time + f.time;
        const seconds = Math.floor(t);
        record.writeUInt32LE(seconds, 0);
        record.writeUInt32LE(Math.min(999_999, Math.round((t - seconds) * 1e6)), 4);
        record.writeUInt32LE(f.data.length, 8);
        record.writeUInt32LE(f.data.length, 12);
        parts.push(record, f.data as Buffer);
        written += 16 + f.data.length;
      }
      time += 0.05;
    }
    if (!out.write(Buffer.concat(parts))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { bytes: written, conversations: n };
}

/** "200MB", "1GB", "512k", or a plain number of bytes. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|m|mb|g|gb)?$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text} (use e.g. 200MB or 1GB)`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  return Math.round(Number(m[1]) * (unit === 'k' ? 2 ** 10 : unit === 'm' ? 2 ** 20 : unit === 'g' ? 2 ** 30 : 1));
}

/**
 * A capture of `count` TCP connections that never close: each sends a SYN and one GET, from its own
 * client address and port, and nothing more. Tests that open connections cost O(1) each to track
 * and evict (the limit is 100,000 open at once), in bounded memory.
 */
export async function writeOpenConnectionsCapture(path: string, count: number): Promise<{ bytes: number; conversations: number }> {
  const out = createWriteStream(path);
  const header = writePcap([]);
  let written = header.length;
  out.write(header);
  let parts: Buffer[] = [];
  const SERVER = '198.51.100.7';
  for (let n = 0; n < count; n++) {
    const client = `10.${(n >> 16) & 0xff}.${(n >> 8) & 0xff}.${n & 0xff}`;
    const c = new TcpConversation({ ip: client, port: 40000 + (n % 20000) }, { ip: SERVER, port: 80 }, 1_772_440_000 + n / 1000, { step: 0.0001 }).handshake();
    const request = c.send(true, Buffer.from(`GET /open/${n} HTTP/1.1\r\nHost: open.example\r\n\r\n`));
    // Only the client's SYN and its request: no answer, no FIN, no RST.
    const frames = [c.frames[0]!, ...request];
    const pcap = Buffer.from(writePcap(frames)).subarray(24);
    parts.push(pcap);
    written += pcap.length;
    if (parts.length >= 4096) {
      if (!out.write(Buffer.concat(parts))) await once(out, 'drain');
      parts = [];
    }
  }
  out.write(Buffer.concat(parts));
  out.end();
  await once(out, 'finish');
  return { bytes: written, conversations: count };
}
