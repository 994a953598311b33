/**
 * The cases of Wireshark's test captures, rebuilt as our own small captures (packet builder and pcap
 * writer) so they are tested without ../shared: cleartext HTTP/2, snap-length cuts, QUIC drafts and
 * split ClientHellos, DNS over TCP, on other ports, and a query sent twice.
 */
import assert from 'node:assert/strict';
import { pcapReader } from '../../../src/observe/pcap/pcap.js';
import { dnsMessage, ethernet, ip, quicInitial, udp } from '../../../src/observe/pcap/packet-builder.js';
import { TcpConversation, writePcap, type TimedFrame } from '../../../src/observe/pcap/writer.js';
import { readBytes } from '../pcap/helpers.js';
import { h2Frame } from '../../helpers/h2-frame.js';

const T0 = Date.UTC(2026, 5, 1, 9, 0, 0) / 1000;
const client = { ip: '10.0.0.7', port: 51000 };
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');


/** A header block of literals without indexing (RFC 7541 §6.2.2), no Huffman coding. */
function headerBlock(fields: Array<[string, string]>): Buffer {
  return Buffer.concat(fields.map(([name, value]) => Buffer.concat([Buffer.of(0, name.length), Buffer.from(name), Buffer.of(value.length), Buffer.from(value)])));
}

const SETTINGS = h2Frame(4, 0, 0, new Uint8Array(0));
const headers = (stream: number, fields: Array<[string, string]>, endStream: boolean) => h2Frame(1, 0x4 | (endStream ? 0x1 : 0), stream, headerBlock(fields));
const data = (stream: number, body: string) => h2Frame(0, 0x1, stream, Buffer.from(body));

function udpFrame(payload: Uint8Array, src: { ip: string; port: number }, dst: { ip: string; port: number }, time: number): TimedFrame {
  return { time, data: ethernet(ip(udp(payload, { src: src.ip, dst: dst.ip, srcPort: src.port, dstPort: dst.port }), src.ip, dst.ip, 17)) };
}

describe('cleartext HTTP/2 (h2c), generated', () => {
  it('prior knowledge: the preface, then each stream is an http flow with its response', async () => {
    const c = new TcpConversation(client, { ip: '192.0.2.20', port: 8080 }, T0).handshake();
    c.send(true, Buffer.concat([PREFACE, SETTINGS, headers(1, [[':method', 'GET'], [':scheme', 'http'], [':authority', 'api.example.test:8080'], [':path', '/v1/ping']], true)]));
    c.send(false, Buffer.concat([SETTINGS, headers(1, [[':status', '200']], true)]));
    c.send(true, Buffer.concat([headers(3, [[':method', 'POST'], [':scheme', 'http'], [':authority', 'api.example.test:8080'], [':path', '/v1/register'], ['content-type', 'application/json']], false), data(3, '{"imei":"861234567890127"}')]));
    c.send(false, headers(3, [[':status', '201']], true));
    c.close();
    const { flows, warnings } = await readBytes(pcapReader, writePcap(c.frames));
    assert.deepEqual(warnings, []);
    assert.deepEqual(flows.map((f) => [f.protocol, f.method, f.url, f.status, f.cleartext]), [
      ['http', 'GET', 'http://api.example.test:8080/v1/ping', 200, true],
      ['http', 'POST', 'http://api.example.test:8080/v1/register', 201, true],
    ]);
    assert.equal(Buffer.from(flows[1]!.requestBody!.bytes).toString(), '{"imei":"861234567890127"}');
  });

  it('prior knowledge with the preface split across small segments is still HTTP/2, not an HTTP/1 PRI request', async () => {
    const c = new TcpConversation(client, { ip: '192.0.2.22', port: 8080 }, T0, { mss: 10 }).handshake();
    c.send(true, Buffer.concat([PREFACE, SETTINGS, headers(1, [[':method', 'GET'], [':scheme', 'http'], [':authority', 'small.example.test'], [':path', '/split']], true)]));
    c.send(false, Buffer.concat([SETTINGS, headers(1, [[':status', '200']], true)]));
    c.close();
    const { flows } = await readBytes(pcapReader, writePcap(c.frames));
    assert.deepEqual(flows.map((f) => [f.method, f.url, f.status]), [['GET', 'http://small.example.test/split', 200]]);
  });

  it('Upgrade: h2c: the HTTP/1.1 request answered 101, then the HTTP/2 streams after the preface', async () => {
    const c = new TcpConversation(client, { ip: '192.0.2.21', port: 80 }, T0).handshake();
    c.send(true, Buffer.from('GET / HTTP/1.1\r\nHost: h2c.example.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n', 'latin1'));
    c.send(false, Buffer.concat([Buffer.from('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n', 'latin1'), SETTINGS, headers(1, [[':status', '200']], true)]));
    c.send(true, Buffer.concat([PREFACE, SETTINGS, headers(3, [[':method', 'GET'], [':scheme', 'http'], [':authority', 'h2c.example.test'], [':path', '/after-upgrade?id=42']], true)]));
    c.send(false, headers(3, [[':status', '204']], true));
    c.close();
    const { flows } = await readBytes(pcapReader, writePcap(c.frames));
    assert.deepEqual(flows.map((f) => [f.method, f.url, f.status]), [
      ['GET', 'http://h2c.example.test/', 101],
      ['GET', 'http://h2c.example.test/after-upgrade?id=42', 204],
    ]);
    assert.ok(flows.every((f) => f.method !== 'PRI'));
  });
});

describe('packets cut by the snap length, generated', () => {
  it('a request cut inside its headers keeps its request line and complete headers; one warning counts the cut packets', async () => {
    const c = new TcpConversation(client, { ip: '192.0.2.30', port: 80 }, T0, { link: 'ip' }).handshake();
    c.send(true, Buffer.from(`GET /track?imei=861234567890127 HTTP/1.1\r\nHost: t.example.test\r\nUser-Agent: ${'x'.repeat(200)}\r\n\r\n`, 'latin1'));
    c.send(false, Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: 300\r\n\r\n${'y'.repeat(300)}`, 'latin1'));
    c.close();
    // 40 bytes of IP and TCP headers, then 70 of the request: its line, its Host and part of the User-Agent.
    const { flows, warnings } = await readBytes(pcapReader, writePcap(c.frames, { linkType: 101, snapLength: 110 }));
    assert.deepEqual(flows.map((f) => [f.method, f.url, f.requestHeaders, f.status]), [['GET', 'http://t.example.test/track?imei=861234567890127', [{ name: 'Host', value: 't.example.test' }], 200]]);
    assert.match(flows[0]!.notes!.join(), /message head cut: \d+ bytes not captured/);
    assert.deepEqual(warnings, ["2 × packets cut short by the capture's snap length (the bytes not captured are gaps; the request lines and headers captured are still read) (first at packet 4)"]);
  });
});

describe('QUIC Initials, generated', () => {
  const server = { ip: '203.0.113.50', port: 443 };
  const dcid = Buffer.from('a1a2a3a4a5a6a7a8', 'hex');

  it('draft-27 (its own salt) and draft-34 (v1’s salt) are named by their SNI', async () => {
    const frames = [
      udpFrame(await quicInitial('draft27.example.test', dcid, ['h3-27'], { version: 0xff00001b }), client, server, T0),
      udpFrame(await quicInitial('draft34.example.test', dcid, ['h3-34'], { version: 0xff000022 }), { ...client, port: 51001 }, server, T0 + 1),
    ];
    const { flows } = await readBytes(pcapReader, writePcap(frames));
    assert.deepEqual(flows.map((f) => [f.protocol, f.host, f.notes]), [['quic', 'draft27.example.test', ['QUIC version draft-27']], ['quic', 'draft34.example.test', ['QUIC version draft-34']]]);
  });

  it('a ClientHello split over two Initials, the second sent to the server’s connection id, is joined', async () => {
    const serverCid = Buffer.from('0164bccb00112233445566778899aabbccddeeff', 'hex');
    const frames = [
      udpFrame(await quicInitial('split.example.test', dcid, ['h3'], { part: [0, 40] }), client, server, T0),
      udpFrame(await quicInitial('split.example.test', serverCid, ['h3'], { keyDcid: dcid, part: [40, 10_000], packetNumber: 1 }), client, server, T0 + 0.05),
    ];
    const { flows } = await readBytes(pcapReader, writePcap(frames));
    assert.deepEqual(flows.map((f) => [f.protocol, f.host, f.tls?.sni]), [['quic', 'split.example.test', 'split.example.test']]);
  });

  it('a Handshake packet of a readable version is no connection of an unknown version', async () => {
    const handshakePacket = Buffer.from(await quicInitial('hs.example.test', dcid));
    handshakePacket[0] = (handshakePacket[0]! & 0xcf) | 0x20; // long-header type 2: Handshake (the type bits are not protected)
    const { flows } = await readBytes(pcapReader, writePcap([udpFrame(handshakePacket, client, server, T0)]));
    assert.deepEqual(flows, []);
  });

  it('a connection whose name cannot be read is still reported, by address, saying why', async () => {
    const unknown = Buffer.from(await quicInitial('x.example.test', dcid));
    unknown.writeUInt32BE(0x51303530, 1); // Google QUIC "Q050": not a version whose Initials privdiff can open
    const frames = [
      udpFrame(await quicInitial('half.example.test', dcid, ['h3'], { part: [0, 40] }), client, server, T0),
      udpFrame(unknown, { ...client, port: 51002 }, server, T0 + 1),
      udpFrame(dnsMessage(7, 'quic.example.test', 'A', [{ type: 'A', value: server.ip }]), { ip: '10.0.0.1', port: 53 }, { ...client, port: 40000 }, T0 - 1),
    ];
    const { flows } = await readBytes(pcapReader, writePcap(frames));
    const quic = flows.filter((f) => f.protocol === 'quic');
    assert.deepEqual(quic.map((f) => [f.host, f.clientPort, f.tls?.undecrypted?.reason]), [['quic.example.test', 51000, 'handshake_not_seen'], ['quic.example.test', 51002, 'unsupported_version']]);
    assert.match(quic[0]!.tls!.undecrypted!.detail!, /the ClientHello is not complete in the captured Initial packets \(40 bytes of it seen\)/);
    assert.match(quic[1]!.tls!.undecrypted!.detail!, /QUIC version 0x51303530 is not one privdiff can read/);
    assert.match(quic[0]!.notes!.join(), /named by the DNS answer for 203\.0\.113\.50/);
  });
});

describe('DNS beyond UDP port 53, generated', () => {
  const resolver = { ip: '192.0.2.53', port: 53 };

  it('DNS over TCP: length-prefixed query and response, several on one connection', async () => {
    const c = new TcpConversation(client, resolver, T0).handshake();
    const framed = (m: Uint8Array) => Buffer.concat([Buffer.from([m.length >> 8, m.length & 0xff]), m]);
    c.send(true, Buffer.concat([framed(dnsMessage(1, 'one.example.test', 'A')), framed(dnsMessage(2, 'two.example.test', 'AAAA'))]));
    const response = framed(dnsMessage(1, 'one.example.test', 'A', [{ type: 'A', value: '198.51.100.1' }]));
    c.send(false, response.subarray(0, 5)); // a response split across segments
    c.send(false, Buffer.concat([response.subarray(5), framed(dnsMessage(2, 'two.example.test', 'AAAA', [{ type: 'AAAA', value: '2001:db8::2' }]))]));
    c.close();
    const { flows } = await readBytes(pcapReader, writePcap(c.frames));
    assert.deepEqual(flows.map((f) => [f.protocol, f.host, f.dns?.answers, f.notes]), [
      ['dns', 'one.example.test', ['198.51.100.1'], ['DNS over TCP']],
      ['dns', 'two.example.test', ['2001:db8::2'], ['DNS over TCP']],
    ]);
  });

  it('DNS on another UDP port is recognised by its content; other UDP payloads are not', async () => {
    const other = { ip: '192.0.2.54', port: 5353 + 10_000 };
    const frames = [
      udpFrame(dnsMessage(0x2a, 'ntp.example.test', 'A'), client, other, T0),
      udpFrame(dnsMessage(0x2a, 'ntp.example.test', 'A', [{ type: 'A', value: '198.51.100.123' }]), other, client, T0 + 0.01),
      udpFrame(Buffer.from('00010000000100000000000000', 'hex'), client, other, T0 + 0.02),
      udpFrame(Buffer.from('this is not a dns message at all, just text', 'latin1'), client, other, T0 + 0.03),
    ];
    const { flows, warnings } = await readBytes(pcapReader, writePcap(frames));
    assert.deepEqual(warnings, []);
    assert.deepEqual(flows.map((f) => [f.host, f.serverPort, f.dns?.answers]), [['ntp.example.test', 15353, ['198.51.100.123']]]);
  });

  it('a query sent twice with the same id is two flows: the first answered, the second not', async () => {
    const frames = [
      udpFrame(dnsMessage(9, 'twice.example.test', 'A'), client, resolver, T0),
      udpFrame(dnsMessage(9, 'twice.example.test', 'A'), client, resolver, T0 + 1),
      udpFrame(dnsMessage(9, 'twice.example.test', 'A', [{ type: 'A', value: '198.51.100.9' }]), resolver, client, T0 + 1.01),
    ];
    const { flows } = await readBytes(pcapReader, writePcap(frames));
    assert.deepEqual(flows.map((f) => [f.time, f.dns?.answers, f.notes]), [
      [new Date(T0 * 1000).toISOString(), ['198.51.100.9'], undefined],
      [new Date((T0 + 1) * 1000).toISOString(), [], ['no response seen']],
    ]);
  });
});
