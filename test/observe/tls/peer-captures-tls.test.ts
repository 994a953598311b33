/**
 * TLS cases from Wireshark's own test captures (../shared/data/captures/peer/, read in place), each
 * checked against what tshark 4.0 decrypts with the same key log: key logs with lines privdiff does
 * not use, RSA Session-ID lines, PSK and AES-CCM suites, TLS 1.3 0-RTT early data, renegotiation.
 */
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flow } from '../../../src/model/flow.js';
import { observeCaptures } from '../../../src/observe/index.js';
import { observePeer, PEER_DIR, requirePeerCaptures } from '../../helpers/peer-captures.js';
import { tsharkFields } from '../../helpers/tshark.js';

/** tshark's decrypted HTTP/1 requests: method, host, URI. */
function tsharkRequests(file: string, keylog: string, ...options: string[]): string[][] {
  return tsharkFields(PEER_DIR + file, 'http.request', ['http.request.method', 'http.host', 'http.request.uri'], ['-o', `tls.keylog_file:${PEER_DIR}${keylog}`, ...options]);
}

const requests = (flows: Flow[]) => flows.filter((f) => f.protocol === 'http').map((f) => [f.method!, f.requestHeaders?.find((h) => h.name.toLowerCase() === 'host')?.value ?? '', new URL(f.url!).pathname]);

describe('TLS in Wireshark test captures, checked against tshark', function () {
  before(function () {
    requirePeerCaptures(this, true);
  });

  it('rsa-p-lt-q: a key log starting with an RSA Session-ID line is used, and that line alone decrypts by session id', async () => {
    const { flows, warnings } = await observePeer('rsa-p-lt-q.pcap', 'rsa-p-lt-q.keylog');
    assert.deepEqual(warnings, []);
    assert.deepEqual(requests(flows), tsharkRequests('rsa-p-lt-q.pcap', 'rsa-p-lt-q.keylog'));
    assert.deepEqual(requests(flows), [['GET', '10.9.0.2', '/']]);
    const dir = mkdtempSync(join(tmpdir(), 'privdiff-peer-'));
    const lines = readFileSync(`${PEER_DIR}rsa-p-lt-q.keylog`, 'utf8').split('\n');
    writeFileSync(join(dir, 'session-id.keylog'), `${lines.find((l) => l.startsWith('RSA Session-ID:'))}\n`);
    const bySession = await observeCaptures([`${PEER_DIR}rsa-p-lt-q.pcap`], { destinations: { firstPartyDomains: [] }, detect: false, detectionWorkers: 0, keylog: join(dir, 'session-id.keylog') });
    assert.deepEqual(requests(bySession.flows), [['GET', '10.9.0.2', '/']]);
    assert.equal(bySession.flows[0]!.tls?.cipher, 'TLS_RSA_WITH_AES_256_CBC_SHA');
  });

  it('tls12-chacha20poly1305: all 7 requests, the four PSK suites (0xccab–0xccae) included', async () => {
    const { flows } = await observePeer('tls12-chacha20poly1305.pcap', 'tls12-chacha20poly1305.keys');
    assert.deepEqual(requests(flows), tsharkRequests('tls12-chacha20poly1305.pcap', 'tls12-chacha20poly1305.keys'));
    assert.equal(flows.length, 7);
    assert.deepEqual(flows.slice(3).map((f) => f.tls?.cipher), ['TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256', 'TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256', 'TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256', 'TLS_PSK_WITH_CHACHA20_POLY1305_SHA256']);
    for (const flow of flows) assert.equal(flow.tls?.undecrypted, undefined);
  });

  it('tls12-chacha20poly1305 with ECH_SECRET and ECH_CONFIG lines: the same 7 requests and one warning counting the 2 skipped lines', async () => {
    const { flows, warnings } = await observePeer('tls12-chacha20poly1305.pcap', 'tls12-chacha20poly1305.with-ech.keys');
    assert.deepEqual(requests(flows), tsharkRequests('tls12-chacha20poly1305.pcap', 'tls12-chacha20poly1305.with-ech.keys'));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /with-ech\.keys: 2 key log lines skipped \(ECH_SECRET ×1, ECH_CONFIG ×1; first at line \d+: /);
  });

  it('tls12-chacha20poly1305 with a wrong PMS_CLIENT_RANDOM beside the master secret: the master secret wins, 7 requests (tshark: 6)', async () => {
    const { flows, warnings } = await observePeer('tls12-chacha20poly1305.pcap', 'tls12-chacha20poly1305.with-pms.keys');
    assert.deepEqual(warnings, []);
    const theirs = tsharkRequests('tls12-chacha20poly1305.pcap', 'tls12-chacha20poly1305.with-pms.keys');
    assert.equal(theirs.length, 6);
    assert.equal(requests(flows).length, 7);
  });

  it('tls12-aes128ccm: TLS_PSK_WITH_AES_128_CCM decrypted to its GET', async () => {
    const { flows } = await observePeer('tls12-aes128ccm.pcap', 'tls12-aes128ccm.keylog');
    assert.deepEqual(requests(flows), tsharkRequests('tls12-aes128ccm.pcap', 'tls12-aes128ccm.keylog'));
    assert.deepEqual(requests(flows), [['GET', 'localhost', '/']]);
    assert.equal(flows[0]!.tls?.cipher, 'TLS_PSK_WITH_AES_128_CCM');
    assert.equal(flows[0]!.status, 200);
  });

  it('tls13-rfc8446: /first, then /early sent as 0-RTT early data and /second after the handshake', async () => {
    const { flows } = await observePeer('tls13-rfc8446.pcap', 'tls13-rfc8446.keys');
    const theirs = tsharkRequests('tls13-rfc8446.pcap', 'tls13-rfc8446.keys');
    assert.deepEqual(flows.map((f) => new URL(f.url!).pathname), theirs.map((r) => r[2]));
    assert.deepEqual(flows.map((f) => new URL(f.url!).pathname), ['/first', '/early', '/second']);
    for (const flow of flows) {
      assert.equal(flow.tls?.decrypted, true);
      assert.equal(flow.status, 200);
      assert.equal(flow.notes, undefined, 'no note says "not decrypted"');
    }
  });

  it('tls13-rfc8446 without the early secret: /second is read, the early data is said to be missing (partial, early_data)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privdiff-peer-'));
    writeFileSync(join(dir, 'no-early.keys'), readFileSync(`${PEER_DIR}tls13-rfc8446.keys`, 'utf8').split('\n').filter((l) => !l.startsWith('CLIENT_EARLY')).join('\n'));
    const result = await observeCaptures([`${PEER_DIR}tls13-rfc8446.pcap`], { destinations: { firstPartyDomains: [] }, detect: false, detectionWorkers: 0, keylog: join(dir, 'no-early.keys') });
    const second = result.flows.filter((f) => f.clientPort === 38290);
    assert.deepEqual(second.map((f) => f.url ?? f.protocol), ['https://10.9.0.2/second', 'tls']);
    const tls = second[1]!;
    assert.equal(tls.tls?.decrypted, true);
    assert.deepEqual(tls.tls?.undecrypted, { reason: 'early_data', detail: '2 records under the TLS 1.3 0-RTT early data keys (early data, EndOfEarlyData) not decrypted: the key log has no CLIENT_EARLY_TRAFFIC_SECRET for this session', partial: true });
    assert.match(tls.notes![0]!, /^partly decrypted \(1 request read\); not decrypted after that: /);
  });

  it('tls-renegotiation: the GET after the third handshake and its 200 after the fifth', async () => {
    const { flows } = await observePeer('tls-renegotiation.pcap', 'tls-renegotiation.keylog');
    const theirs = tsharkRequests('tls-renegotiation.pcap', 'tls-renegotiation.keylog', '-d', 'tcp.port==4433,tls');
    assert.deepEqual(requests(flows), theirs);
    assert.deepEqual(requests(flows), [['GET', 'localhost', '/generate-tls-renegotiation.py.py']]);
    assert.equal(flows.length, 1);
    assert.equal(flows[0]!.status, 200);
    assert.equal(flows[0]!.responseHeaders?.find((h) => h.name.toLowerCase() === 'content-length')?.value, '2151');
    assert.equal(flows[0]!.tls?.decrypted, true);
  });

  it('tls-renegotiation with the first session’s secret only: partly decrypted, and the renegotiation (not the protocol) is named', async () => {
    // The first ClientHello is the only one in clear: its random picks the first session's line.
    const [[random]] = tsharkFields(`${PEER_DIR}tls-renegotiation.pcap`, 'tls.handshake.type == 1', ['tls.handshake.random'], ['-d', 'tcp.port==4433,tls']) as [[string]];
    const dir = mkdtempSync(join(tmpdir(), 'privdiff-peer-'));
    writeFileSync(join(dir, 'first.keylog'), readFileSync(`${PEER_DIR}tls-renegotiation.keylog`, 'utf8').split('\n').find((l) => l.includes(random.replace(/:/g, '')))!);
    const result = await observeCaptures([`${PEER_DIR}tls-renegotiation.pcap`], { destinations: { firstPartyDomains: [] }, detect: false, detectionWorkers: 0, keylog: join(dir, 'first.keylog') });
    assert.equal(result.flows.length, 1);
    const tls = result.flows[0]!.tls!;
    assert.equal(tls.decrypted, true);
    assert.equal(tls.undecrypted?.reason, 'renegotiation');
    assert.equal(tls.undecrypted?.partial, true);
    assert.match(tls.undecrypted!.detail!, /^the connection renegotiated \(handshake 2\) and the key log has no master secret for the new session \(client random [0-9a-f]{16}…\)/);
    assert.doesNotMatch(result.flows[0]!.notes!.join(), /^not decrypted/);
  });
});
