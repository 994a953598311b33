import assert from 'node:assert/strict';
import { parseDns } from '../../../src/observe/net/dns.js';
import { parseClientHelloRecords } from '../../../src/observe/net/tls-hello.js';
import { clientHello, dnsMessage } from '../../../src/observe/pcap/packet-builder.js';

describe('DNS messages', () => {
  it('reads the question of a query', () => {
    const m = parseDns(dnsMessage(7, 'api.example.com', 'AAAA'));
    assert.ok(typeof m !== 'string');
    assert.deepEqual([m.id, m.response, m.query], [7, false, { name: 'api.example.com', type: 'AAAA' }]);
  });

  it('reads CNAME, A and AAAA answers through compression pointers', () => {
    const m = parseDns(dnsMessage(9, 'www.example.com', 'A', [
      { type: 'CNAME', value: 'edge.cdn.example.net' },
      { type: 'A', name: 'edge.cdn.example.net', value: '93.184.216.34' },
      { type: 'AAAA', name: 'edge.cdn.example.net', value: '2001:db8::1' },
    ]));
    assert.ok(typeof m !== 'string');
    assert.equal(m.response, true);
    assert.deepEqual(m.answers, ['edge.cdn.example.net', '93.184.216.34', '2001:db8::1']);
  });

  it('refuses compression loops and short messages', () => {
    const loop = Buffer.from(dnsMessage(1, 'a.b', 'A'));
    loop[12] = 0xc0; // the question name points at itself
    loop[13] = 12;
    assert.equal(parseDns(loop), 'DNS name compression loop');
    assert.match(String(parseDns(new Uint8Array(5))), /shorter/);
  });
});

describe('TLS ClientHello', () => {
  it('reads SNI, ALPN and the TLS 1.3 supported version', () => {
    const hello = parseClientHelloRecords(clientHello('push.example.com', ['h2', 'http/1.1']));
    assert.deepEqual(hello, { sni: 'push.example.com', alpn: ['h2', 'http/1.1'], version: '1.3' });
  });

  it('asks for more bytes when the hello is cut and reads it once complete', () => {
    const record = clientHello('split.example');
    assert.equal(parseClientHelloRecords(record.subarray(0, 30)), 'need');
    // The same handshake message split over two records.
    const hs = record.subarray(5);
    const two = Buffer.concat([Buffer.from([0x16, 3, 1, 0, 20]), hs.subarray(0, 20), Buffer.from([0x16, 3, 1, 0, hs.length - 20]), hs.subarray(20)]);
    assert.equal((parseClientHelloRecords(two) as { sni: string }).sni, 'split.example');
  });

  it('rejects a record that is not a ClientHello', () => {
    assert.match(String(parseClientHelloRecords(Buffer.from([0x16, 3, 3, 0, 4, 2, 0, 0, 0]))), /not a ClientHello/);
  });
});
