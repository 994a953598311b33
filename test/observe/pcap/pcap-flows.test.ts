/** End to end: hand-built captures → the pcap/pcapng readers → flows. */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../../src/errors.js';
import { LINKTYPE } from '../../../src/observe/net/link.js';
import { pcapReader } from '../../../src/observe/pcap/pcap.js';
import { pcapngReader } from '../../../src/observe/pcap/pcapng.js';
import { execFileSync } from 'node:child_process';
import { clientHello, dnsMessage, ethernet, ip, ipv4Fragments, ipv6, quicInitial, sll, tcp, TCP_FLAGS, udp } from '../../../src/observe/pcap/packet-builder.js';
import { TcpConversation, writePcap, writePcapng, type TimedFrame } from '../../../src/observe/pcap/writer.js';
import { bodyText, readBytes, tempCapture } from './helpers.js';
import type { RawFlow } from '../../../src/observe/reader.js';

const T0 = Date.UTC(2026, 2, 2, 8, 0, 0) / 1000;
const client = { ip: '192.168.1.23', port: 40000 };
const server = { ip: '203.0.113.80', port: 80 };
const req = (s: string) => Buffer.from(s, 'latin1');
const OK = req('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');

function conversation(requests: Buffer, responses = OK, options: ConstructorParameters<typeof TcpConversation>[3] = {}) {
  const c = new TcpConversation(client, server, T0, { mss: 20, ...options }).handshake();
  c.send(true, requests);
  c.send(false, responses);
  return c.close();
}

describe('pcap reader: flows from hand-built captures', () => {
  it('reads a POST with its response, URL, headers, times and endpoints', async () => {
    const c = conversation(req('POST /v1/r?a=1 HTTP/1.1\r\nHost: api.example.com\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\r\nContent-Length: 11\r\n\r\nimei=123456'));
    const { flows, warnings, progress } = await readBytes(pcapReader, writePcap(c.frames));
    assert.deepEqual(warnings, []);
    assert.equal(flows.length, 1);
    const f = flows[0]!;
    assert.equal(f.url, 'http://api.example.com/v1/r?a=1');
    assert.equal(f.host, 'api.example.com');
    assert.deepEqual([f.protocol, f.cleartext, f.method, f.status], ['http', true, 'POST', 200]);
    assert.deepEqual([f.clientIp, f.clientPort, f.serverIp, f.serverPort], [client.ip, client.port, server.ip, 80]);
    assert.equal(f.time, new Date((T0 + 0.003) * 1000).toISOString());
    assert.equal(f.requestBody?.contentType, 'application/x-www-form-urlencoded');
    assert.equal(bodyText(f), 'imei=123456');
    assert.ok(progress.length > 0);
  });

  it('reassembles out-of-order and retransmitted segments', async () => {
    const c = new TcpConversation(client, server, T0, { mss: 10 }).handshake();
    const segments = c.send(true, req('POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 26\r\n\r\nabcdefghijklmnopqrstuvwxyz'));
    const frames = c.frames.slice(0, 3);
    // Reverse the data segments and repeat two of them.
    frames.push(...[...segments].reverse(), segments[1]!, segments[4]!);
    const { flows } = await readBytes(pcapReader, writePcap(frames));
    assert.equal(flows.length, 1);
    assert.equal(bodyText(flows[0]!), 'abcdefghijklmnopqrstuvwxyz');
    assert.equal(flows[0]!.notes, undefined);
  });

  it('marks a missing segment as a gap in the flow notes', async () => {
    const c = new TcpConversation(client, server, T0, { mss: 10 }).handshake();
    const segments = c.send(true, req('POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n0123456789ABCDEFGHIJ'));
    c.close();
    const dropped = segments[segments.length - 2]!;
    const { flows } = await readBytes(pcapReader, writePcap(c.frames.filter((f) => f !== dropped)));
    assert.equal(flows.length, 1);
    assert.ok(flows[0]!.notes?.some((n) => /TCP gap: 10 bytes missing/.test(n)), JSON.stringify(flows[0]!.notes));
    // Head is 49 bytes, so the dropped segment held body bytes 1-10; the rest stays in place.
    assert.equal(bodyText(flows[0]!), '0BCDEFGHIJ');
  });

  it('pairs pipelined requests with their responses in order', async () => {
    const c = conversation(
      req('GET /1 HTTP/1.1\r\nHost: h\r\n\r\nHEAD /2 HTTP/1.1\r\nHost: h\r\n\r\nGET /3 HTTP/1.1\r\nHost: h\r\n\r\n'),
      req('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nAHTTP/1.1 404 No\r\nContent-Length: 50\r\n\r\nHTTP/1.1 500 Err\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
    );
    const { flows } = await readBytes(pcapReader, writePcap(c.frames));
    assert.deepEqual(flows.map((f) => `${f.method} ${f.url} ${f.status}`), ['GET http://h/1 200', 'HEAD http://h/2 404', 'GET http://h/3 500']);
  });

  it('decodes a chunked, gzip-encoded JSON body', async () => {
    const json = JSON.stringify({ contacts: [{ phone: '+49 151 1234567' }] });
    const gz = gzipSync(json);
    const chunked = Buffer.concat([req(`${(10).toString(16)}\r\n`), gz.subarray(0, 10), req(`\r\n${(gz.length - 10).toString(16)}\r\n`), gz.subarray(10), req('\r\n0\r\n\r\n')]);
    const c = conversation(Buffer.concat([req('POST /sync HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n'), chunked]));
    const { flows } = await readBytes(pcapReader, writePcap(c.frames));
    assert.equal(bodyText(flows[0]!), json);
    assert.equal(flows[0]!.requestBody?.problem, undefined);
  });

  it('falls back to the DNS name, then the address, when there is no Host header', async () => {
    const id = 5;
    const dns = [
      { time: T0 - 1, data: ethernet(ip(udp(dnsMessage(id, 'named.example', 'A'), { src: client.ip, dst: '192.168.1.1', srcPort: 5353, dstPort: 53 }), client.ip, '192.168.1.1', 17)) },
      { time: T0 - 0.9, data: ethernet(ip(udp(dnsMessage(id, 'named.example', 'A', [{ type: 'A', value: server.ip }]), { src: '192.168.1.1', dst: client.ip, srcPort: 53, dstPort: 5353 }), '192.168.1.1', client.ip, 17)) },
    ];
    const named = conversation(req('GET /a HTTP/1.0\r\n\r\n'));
    const other = new TcpConversation(client, { ip: '198.51.100.7', port: 8080 }, T0 + 5).handshake();
    other.send(true, req('GET /b HTTP/1.0\r\n\r\n'));
    other.close();
    const { flows } = await readBytes(pcapReader, writePcap([...dns, ...named.frames, ...other.frames]));
    assert.deepEqual(flows.map((f) => `${f.protocol} ${f.host} ${f.url ?? f.dns?.answers.join()}`), [
      'dns named.example 203.0.113.80',
      'http named.example http://named.example/a',
      'http 198.51.100.7 http://198.51.100.7:8080/b',
    ]);
    assert.equal(flows[0]!.dns?.type, 'A');
    assert.equal(flows[0]!.time, new Date((T0 - 1) * 1000).toISOString());
  });

  it('reads a TLS ClientHello as a tls flow named by its SNI', async () => {
    const c = new TcpConversation(client, { ip: '203.0.113.9', port: 443 }, T0).handshake();
    c.send(true, clientHello('push.example.com', ['h2']));
    c.close();
    const { flows } = await readBytes(pcapReader, writePcap(c.frames));
    assert.deepEqual(flows.map((f) => [f.protocol, f.host, f.cleartext, f.tls?.sni, f.tls?.alpn, f.tls?.decrypted]), [['tls', 'push.example.com', false, 'push.example.com', ['h2'], false]]);
  });

  it('reads the SNI of a QUIC Initial (and tshark reads the same packet alike)', async () => {
    const packet = await quicInitial('h3.example.com', Buffer.from('0011223344556677', 'hex'), ['h3']);
    const frame = ethernet(ip(udp(packet, { src: client.ip, dst: '203.0.113.3', srcPort: 50000, dstPort: 443 }), client.ip, '203.0.113.3', 17));
    const file = writePcap([{ time: T0, data: frame }, { time: T0 + 0.1, data: frame }]);
    const { flows, warnings } = await readBytes(pcapReader, file);
    assert.deepEqual(warnings, []);
    assert.deepEqual(flows.map((f) => [f.protocol, f.host, f.serverPort, f.tls?.alpn]), [['quic', 'h3.example.com', 443, ['h3']]]);
    let theirs: string | undefined;
    try {
      const { tempCapture } = await import('./helpers.js');
      theirs = execFileSync('tshark', ['-r', tempCapture(file), '-c', '1', '-T', 'fields', '-e', 'tls.handshake.extensions_server_name'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      theirs = undefined; // tshark not installed
    }
    if (theirs !== undefined) assert.equal(theirs, 'h3.example.com');
  });

  it('reads VLAN-tagged frames, IPv6 and IPv4 fragments', async () => {
    const vlan = conversation(req('GET /vlan HTTP/1.1\r\nHost: v\r\n\r\n'), OK, { vlans: [100] });
    const six = new TcpConversation({ ip: '2001:db8::23', port: 41000 }, { ip: '2001:db8::80', port: 80 }, T0 + 1).handshake();
    six.send(true, req('GET /six HTTP/1.1\r\nHost: six\r\n\r\n'));
    six.close();
    // One big request, fragmented at the IP layer.
    const body = 'q'.repeat(2500);
    const segment = tcp(req(`POST /frag HTTP/1.1\r\nHost: f\r\nContent-Length: ${body.length}\r\n\r\n${body}`), { src: client.ip, dst: server.ip, srcPort: 42000, dstPort: 80, seq: 1, ack: 1, flags: TCP_FLAGS.ACK });
    const fragments = ipv4Fragments(segment, { src: client.ip, dst: server.ip, protocol: 6, id: 77 }, 1200).reverse();
    const fragFrames: TimedFrame[] = fragments.map((f, i) => ({ time: T0 + 2 + i * 0.001, data: ethernet(f) }));
    const { flows } = await readBytes(pcapReader, writePcap([...vlan.frames, ...six.frames, ...fragFrames]));
    const byPath = new Map(flows.map((f) => [new URL(f.url!).pathname, f]));
    assert.ok(byPath.has('/vlan'));
    assert.equal(byPath.get('/six')?.serverIp, '2001:db8::80');
    assert.equal(bodyText(byPath.get('/frag')!), body);
  });

  it('reads Linux cooked captures (SLL and SLL2)', async () => {
    for (const [linkType, version] of [[LINKTYPE.LINUX_SLL, 1], [LINKTYPE.LINUX_SLL2, 2]] as const) {
      const c = new TcpConversation(client, server, T0, { link: 'ip' }).handshake();
      c.send(true, req('GET /cooked HTTP/1.1\r\nHost: c\r\n\r\n'));
      c.close();
      const frames = c.frames.map((f) => ({ ...f, data: sll(f.data, version) }));
      const { flows } = await readBytes(pcapReader, writePcap(frames, { linkType }));
      assert.equal(flows[0]?.url, 'http://c/cooked', `SLL v${version}`);
    }
  });

  it('reads all four pcap magics with their timestamp resolution', async () => {
    const c = conversation(req('GET /t HTTP/1.1\r\nHost: t\r\n\r\n'));
    const at = (T0 + 0.003) * 1000;
    for (const nanoseconds of [false, true]) {
      for (const bigEndian of [false, true]) {
        const { flows } = await readBytes(pcapReader, writePcap(c.frames, { nanoseconds, bigEndian }));
        assert.equal(flows.length, 1);
        assert.equal(Date.parse(flows[0]!.time), Math.round(at), `ns=${nanoseconds} be=${bigEndian}`);
      }
    }
  });

  it('a file cut mid-record yields the flows before the cut, then InputError at the cut (exit 2, like every format)', async () => {
    const c = conversation(req('GET /kept HTTP/1.1\r\nHost: k\r\n\r\n'));
    const file = writePcap(c.frames);
    const cut = file.subarray(0, file.length - 20);
    const flows: RawFlow[] = [];
    const path = tempCapture(cut, 'pcap');
    await assert.rejects(async () => {
      for await (const f of pcapReader.read(path, { source: path, warn: () => {} })) flows.push(f);
    }, (e: unknown) => e instanceof InputError && /^byte \d+$/.test(e.position ?? '') && /ends inside a packet record/.test(e.detail));
    assert.equal(flows[0]?.url, 'http://k/kept');
  });

  it('throws InputError with the byte offset on garbage and impossible lengths', async () => {
    await assert.rejects(readBytes(pcapReader, Buffer.from('this is not a capture file at all')), (e: unknown) => e instanceof InputError && e.position === 'byte 0');
    const c = conversation(req('GET / HTTP/1.1\r\n\r\n'));
    const file = Buffer.from(writePcap(c.frames));
    file.writeUInt32LE(50_000_000, 24 + 8); // first record's captured length
    await assert.rejects(readBytes(pcapReader, file), (e: unknown) => e instanceof InputError && e.position === 'byte 24' && /50000000/.test(e.detail));
  });

  it('yields the flows read before a corrupt record, then throws', async () => {
    const first = conversation(req('GET /before HTTP/1.1\r\nHost: b\r\n\r\n'));
    const file = Buffer.concat([writePcap(first.frames), Buffer.alloc(64, 0xff)]);
    const flows: string[] = [];
    const { tempCapture } = await import('./helpers.js');
    const path = tempCapture(file);
    await assert.rejects(
      (async () => {
        for await (const f of pcapReader.read(path, { source: path, warn: () => undefined })) flows.push(f.url!);
      })(),
      (e: unknown) => e instanceof InputError && e.position === `byte ${file.length - 64}`,
    );
    assert.deepEqual(flows, ['http://b/before']);
  });
});

describe('pcapng reader', () => {
  const c = conversation(req('GET /ng HTTP/1.1\r\nHost: ng\r\n\r\n'));
  const expectedTime = Math.round((T0 + 0.003) * 1000);

  it('reads big- and little-endian sections with EPB, PB and SPB blocks', async () => {
    for (const bigEndian of [false, true]) {
      const items = c.frames.map((frame, i) => ({ kind: 'packet' as const, interfaceId: 0, frame, block: i === 3 ? ('pb' as const) : ('epb' as const) }));
      const { flows, warnings } = await readBytes(pcapngReader, writePcapng([{ linkType: LINKTYPE.ETHERNET }], items, { bigEndian }));
      assert.deepEqual(warnings, []);
      assert.equal(flows[0]?.url, 'http://ng/ng');
      assert.equal(Date.parse(flows[0]!.time), expectedTime);
    }
    const simple = c.frames.map((frame) => ({ kind: 'packet' as const, interfaceId: 0, frame, block: 'spb' as const }));
    const { flows } = await readBytes(pcapngReader, writePcapng([{ linkType: LINKTYPE.ETHERNET }], simple));
    assert.equal(flows[0]?.url, 'http://ng/ng');
  });

  it('applies each interface its own link type and if_tsresol', async () => {
    const raw = new TcpConversation(client, { ip: '203.0.113.5', port: 80 }, T0 + 10, { link: 'ip' }).handshake();
    raw.send(true, req('GET /raw HTTP/1.1\r\nHost: raw\r\n\r\n'));
    raw.close();
    const items = [
      ...c.frames.map((frame) => ({ kind: 'packet' as const, interfaceId: 0, frame })),
      ...raw.frames.map((frame) => ({ kind: 'packet' as const, interfaceId: 1, frame })),
    ];
    const { flows } = await readBytes(pcapngReader, writePcapng([{ linkType: LINKTYPE.ETHERNET, tsresol: 9 }, { linkType: LINKTYPE.RAW, tsresol: 0x80 | 20 }], items));
    assert.deepEqual(flows.map((f) => f.url), ['http://ng/ng', 'http://raw/raw']);
    assert.equal(Date.parse(flows[0]!.time), expectedTime);
    assert.equal(Date.parse(flows[1]!.time), Math.round((T0 + 10.003) * 1000));
  });

  it('exposes Decryption Secrets Blocks', async () => {
    const { readPcapngSecrets, createPcapngReader } = await import('../../../src/observe/pcap/pcapng.js');
    const keylog = Buffer.from('CLIENT_RANDOM 00 11\n');
    const bytes = writePcapng([{ linkType: LINKTYPE.ETHERNET }], [{ kind: 'secrets', typeCode: 0x544c534b, data: keylog }, ...c.frames.map((frame) => ({ kind: 'packet' as const, interfaceId: 0, frame }))]);
    const { tempCapture, readAll } = await import('./helpers.js');
    const path = tempCapture(bytes, 'pcapng');
    const secrets = await readPcapngSecrets(path);
    assert.deepEqual(secrets.map((s) => [s.type, Buffer.from(s.data).toString()]), [['tls-keylog', keylog.toString()]]);
    const seen: string[] = [];
    const { flows } = await readAll(createPcapngReader((s) => seen.push(s.type)), path);
    assert.deepEqual(seen, ['tls-keylog']);
    assert.equal(flows.length, 1);
  });

  it('warns on a truncated last block and rejects corrupt block lengths', async () => {
    const file = Buffer.from(writePcapng([{ linkType: LINKTYPE.ETHERNET }], c.frames.map((frame) => ({ kind: 'packet' as const, interfaceId: 0, frame }))));
    await assert.rejects(readBytes(pcapngReader, file.subarray(0, file.length - 30)), (e: unknown) => e instanceof InputError && /ends inside a block/.test(e.detail));
    const shbLength = file.readUInt32LE(4);
    const idbLengthAt = shbLength + 4;
    file.writeUInt32LE(7, idbLengthAt);
    await assert.rejects(readBytes(pcapngReader, file), (e: unknown) => e instanceof InputError && e.position === `byte ${shbLength}` && /impossible length 7/.test(e.detail));
  });

  it('rejects a file that does not start with a section header', async () => {
    const v6 = ipv6(Buffer.alloc(8), { src: '::1', dst: '::1', nextHeader: 17 });
    await assert.rejects(readBytes(pcapngReader, Buffer.concat([Buffer.from([1, 0, 0, 0, 12, 0, 0, 0, 12, 0, 0, 0]), v6])), (e: unknown) => e instanceof InputError && e.position === 'byte 0');
  });
});
