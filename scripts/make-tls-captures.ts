/**
 * Generates the HTTPS fixtures in test/fixtures/tls/: a local TLS server and client on 127.0.0.1
 * (Node's tls and http2 modules), the client's key log recorded from its 'keylog' event, and the
 * bytes each side wrote laid out as TCP packets in a pcap (the existing pcap writer). The server
 * appears at 192.0.2.10:443 in the capture so URLs read naturally.
 * Run: npx tsx scripts/make-tls-captures.ts   (needs the openssl command for a throwaway certificate)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import { TcpConversation, writePcap } from '../src/observe/pcap/writer.js';

const OUT = new URL('../test/fixtures/tls/', import.meta.url);
const HOST = 'api.example.test';
const IMEI = '861234567890127'; // Luhn-valid test value

interface Chunk {
  fromClient: boolean;
  data: Buffer;
}

function certificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'privdiff-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', `/CN=${HOST}`], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

/** A TCP connection to `port` whose bytes, both ways, are recorded in order. */
function recordedSocket(port: number, chunks: Chunk[]): Duplex {
  const raw = net.connect(port, '127.0.0.1');
  const duplex = new Duplex({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push({ fromClient: true, data: Buffer.from(chunk) });
      raw.write(chunk, callback);
    },
    final(callback) {
      raw.end(callback);
    },
    read() {},
  });
  raw.on('data', (data: Buffer) => {
    chunks.push({ fromClient: false, data: Buffer.from(data) });
    duplex.push(data);
  });
  raw.on('end', () => duplex.push(null));
  raw.on('error', (error) => duplex.destroy(error));
  return duplex;
}

/**
 * A local TCP proxy to `port` recording the bytes both ways: a real socket for the TLS client, where
 * a JS stream would not do (Node cannot renegotiate over one).
 */
async function recordingProxy(port: number, chunks: Chunk[]): Promise<{ port: number; close(): void }> {
  const proxy = net.createServer((inbound) => {
    const outbound = net.connect(port, '127.0.0.1');
    inbound.on('data', (data: Buffer) => {
      chunks.push({ fromClient: true, data: Buffer.from(data) });
      outbound.write(data);
    });
    outbound.on('data', (data: Buffer) => {
      chunks.push({ fromClient: false, data: Buffer.from(data) });
      inbound.write(data);
    });
    inbound.on('end', () => outbound.end());
    outbound.on('end', () => inbound.end());
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { port: (proxy.address() as net.AddressInfo).port, close: () => proxy.close() };
}

function keylogOf(socket: tls.TLSSocket, lines: string[]): void {
  socket.on('keylog', (line: Buffer) => lines.push(line.toString('latin1').trim()));
}

async function http1(version: 'TLSv1.2' | 'TLSv1.3', ciphers: string, credentials: { key: Buffer; cert: Buffer }): Promise<{ chunks: Chunk[]; keylog: string[] }> {
  const server = tls.createServer({ ...credentials, minVersion: version, maxVersion: version, ciphers }, (socket) => {
    let seen = '';
    socket.on('data', (d: Buffer) => {
      seen += d.toString('latin1');
      if (!seen.includes('\r\n\r\n')) return;
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const chunks: Chunk[] = [];
  const keylog: string[] = [];
  const socket = tls.connect({ socket: recordedSocket((server.address() as net.AddressInfo).port, chunks), servername: HOST, rejectUnauthorized: false, minVersion: version, maxVersion: version, ALPNProtocols: ['http/1.1'] });
  keylogOf(socket, keylog);
  await new Promise<void>((resolve, reject) => {
    socket.on('secureConnect', () => socket.write(`GET /v1/config?device=${IMEI}&lang=en HTTP/1.1\r\nHost: ${HOST}\r\nUser-Agent: privdiff-fixture\r\nAccept: */*\r\n\r\n`));
    socket.on('data', () => {});
    socket.on('end', () => resolve());
    socket.on('error', reject);
  });
  socket.end();
  server.close();
  return { chunks, keylog };
}

async function h2(credentials: { key: Buffer; cert: Buffer }): Promise<{ chunks: Chunk[]; keylog: string[] }> {
  const server = http2.createSecureServer({ ...credentials, minVersion: 'TLSv1.3' });
  server.on('stream', (stream, headers) => {
    stream.on('data', () => {});
    stream.on('end', () => {
      stream.respond({ ':status': headers[':method'] === 'POST' ? 201 : 200, 'content-type': 'application/json' });
      stream.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const chunks: Chunk[] = [];
  const keylog: string[] = [];
  const port = (server.address() as net.AddressInfo).port;
  const client = http2.connect(`https://${HOST}`, {
    createConnection: () => {
      const socket = tls.connect({ socket: recordedSocket(port, chunks), servername: HOST, rejectUnauthorized: false, ALPNProtocols: ['h2'] });
      keylogOf(socket, keylog);
      return socket;
    },
  });
  const request = (headers: http2.OutgoingHttpHeaders, body?: string) =>
    new Promise<void>((resolve, reject) => {
      const stream = client.request(headers);
      stream.on('response', () => {});
      stream.on('data', () => {});
      stream.on('end', () => resolve());
      stream.on('error', reject);
      stream.end(body);
    });
  await request({ ':method': 'GET', ':path': '/v1/ping', 'user-agent': 'privdiff-fixture' });
  // Same header names again: the second request is mostly HPACK dynamic-table references.
  await request({ ':method': 'POST', ':path': '/v1/register', 'user-agent': 'privdiff-fixture', 'content-type': 'application/json', 'x-trace': 'ünïcode' }, JSON.stringify({ imei: IMEI, model: 'Pixel 7' }));
  await new Promise<void>((resolve) => client.close(() => resolve()));
  server.close();
  return { chunks, keylog };
}

/**
 * TLS 1.2 with a pre-shared key (no certificate) and an AES-CCM suite: the key log's master secret
 * is all decryption needs. `renegotiate`: after the first request the client renegotiates, and the
 * second request goes under the new session's keys.
 */
async function http1Psk(ciphers: string, renegotiate: boolean, credentials: { key: Buffer; cert: Buffer }): Promise<{ chunks: Chunk[]; keylog: string[] }> {
  const psk = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex');
  const server = tls.createServer({ ...credentials, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers, pskCallback: () => psk, pskIdentityHint: 'privdiff' }, (socket) => {
    let seen = '';
    socket.on('data', (d: Buffer) => {
      seen += d.toString('latin1');
      while (seen.includes('\r\n\r\n')) {
        const last = seen.startsWith('GET /v1/bye');
        seen = seen.slice(seen.indexOf('\r\n\r\n') + 4);
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n${last ? 'Connection: close\r\n' : ''}\r\n{"ok":true}`);
        if (last) socket.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const chunks: Chunk[] = [];
  const keylog: string[] = [];
  const proxy = await recordingProxy((server.address() as net.AddressInfo).port, chunks);
  const socket = tls.connect({ port: proxy.port, host: '127.0.0.1', minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers, checkServerIdentity: () => undefined, pskCallback: () => ({ psk, identity: 'device-7' }) });
  keylogOf(socket, keylog);
  const get = (path: string) => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${HOST}\r\nUser-Agent: privdiff-fixture\r\n\r\n`);
  await new Promise<void>((resolve, reject) => {
    let responses = 0;
    socket.on('secureConnect', () => get(`/v1/config?device=${IMEI}`));
    socket.on('data', () => {
      responses++;
      if (responses > 1) return;
      if (!renegotiate) return void get('/v1/bye');
      socket.renegotiate({ rejectUnauthorized: false }, (error) => (error ? reject(error) : get(`/v1/bye?device=${IMEI}`)));
    });
    socket.on('end', () => resolve());
    socket.on('error', reject);
  });
  socket.end();
  proxy.close();
  server.close();
  return { chunks, keylog };
}

/** `proxy`: the exchange runs through an HTTP proxy at 192.0.2.99:3128 (CONNECT, then the TLS bytes). */
function writeCapture(name: string, { chunks, keylog }: { chunks: Chunk[]; keylog: string[] }, clientPort: number, proxy = false): void {
  const server = proxy ? { ip: '192.0.2.99', port: 3128 } : { ip: '192.0.2.10', port: 443 };
  const conversation = new TcpConversation({ ip: '10.0.2.15', port: clientPort }, server, 1_767_225_600, { step: 0.002 });
  conversation.handshake();
  if (proxy) {
    conversation.send(true, Buffer.from(`CONNECT ${HOST}:443 HTTP/1.1\r\nHost: ${HOST}:443\r\n\r\n`));
    conversation.send(false, Buffer.from('HTTP/1.1 200 Connection established\r\n\r\n'));
  }
  for (const chunk of chunks) conversation.send(chunk.fromClient, chunk.data);
  conversation.close();
  writeFileSync(new URL(`${name}.pcap`, OUT), writePcap(conversation.frames));
  writeFileSync(new URL(`${name}.keylog`, OUT), `${keylog.join('\n')}\n`);
  console.log(`${name}: ${chunks.length} writes, ${keylog.length} key log lines`);
}

const credentials = certificate();
writeCapture('tls12-http1', await http1('TLSv1.2', 'ECDHE-ECDSA-AES128-GCM-SHA256', credentials), 40001);
writeCapture('tls12-chacha-http1', await http1('TLSv1.2', 'ECDHE-ECDSA-CHACHA20-POLY1305', credentials), 40004);
writeCapture('tls12-cbc-http1', await http1('TLSv1.2', 'ECDHE-ECDSA-AES256-SHA384', credentials), 40005);
writeCapture('tls13-http1', await http1('TLSv1.3', 'TLS_CHACHA20_POLY1305_SHA256', credentials), 40002);
const h2Exchange = await h2(credentials);
writeCapture('tls13-h2', h2Exchange, 40003);
writeCapture('tls13-h2-proxy', h2Exchange, 40006, true);
writeCapture('tls12-psk-ccm8-http1', await http1Psk('PSK-AES128-CCM8', false, credentials), 40007);
writeCapture('tls12-renegotiation-http1', await http1Psk('PSK-AES128-GCM-SHA256', true, credentials), 40008);
