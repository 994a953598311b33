/**
 * Network cases from Wireshark's and nDPI's test captures (../shared/data/captures/peer/, read in
 * place), each checked against tshark 4.0: cleartext HTTP/2, packets cut by the snap length, QUIC
 * drafts and split ClientHellos, DNS over TCP and on other ports.
 */
import assert from 'node:assert/strict';
import type { Flow } from '../../../src/model/flow.js';
import { observePeer, PEER_DIR, requirePeerCaptures } from '../../helpers/peer-captures.js';
import { tsharkFields } from '../../helpers/tshark.js';

const http = (flows: Flow[]) => flows.filter((f) => f.protocol === 'http');

/** tshark joins the values of the several HTTP/2 streams in one packet with commas: one row per stream. */
function perStream(rows: string[][]): string[][] {
  return rows.flatMap((row) => {
    const columns = row.map((cell) => cell.split(','));
    return columns[0]!.map((_, i) => columns.map((c) => c[i]!));
  });
}

describe('network cases in Wireshark and nDPI test captures, checked against tshark', function () {
  before(function () {
    requirePeerCaptures(this, true);
  });

  it('packet-h2-14_headers: cleartext HTTP/2 with prior knowledge gives its 6 requests, not one PRI request', async () => {
    const { flows } = await observePeer('packet-h2-14_headers.pcapng');
    const theirs = perStream(tsharkFields(`${PEER_DIR}packet-h2-14_headers.pcapng`, 'http2.headers.method', ['http2.headers.method', 'http2.headers.authority', 'http2.headers.path'], ['-d', 'tcp.port==3000,http2']));
    assert.equal(theirs.length, 6);
    assert.deepEqual(http(flows).map((f) => [f.method, `${f.host}:${new URL(f.url!).port}`, new URL(f.url!).pathname]), theirs);
    assert.equal(http(flows)[0]!.url, 'http://localhost:3000/doc/manual/html/index.html');
    assert.ok(http(flows).every((f) => f.cleartext && f.method !== 'PRI'));
  });

  it('http2.pcapng (nDPI): the one POST of a cleartext HTTP/2 connection, with its 201', async () => {
    const { flows } = await observePeer('http2.pcapng');
    const theirs = perStream(tsharkFields(`${PEER_DIR}http2.pcapng`, 'http2.headers.method', ['http2.headers.method', 'http2.headers.path'], ['-d', 'tcp.port==29518,http2']));
    assert.deepEqual(http(flows).map((f) => [f.method, new URL(f.url!).pathname]), theirs);
    assert.deepEqual(http(flows).map((f) => [f.url, f.status]), [['http://127.0.0.1:29518/namf-comm/v1/subscriptions', 201]]);
  });

  it('communityid: the GET cut by a 96-byte snap length is reported with its request line, and a warning counts the cut packets', async () => {
    const { flows, warnings } = await observePeer('communityid.pcap');
    const theirs = tsharkFields(`${PEER_DIR}communityid.pcap`, 'http.request', ['http.request.method', 'http.request.uri', 'ip.dst']);
    const ours = http(flows).map((f) => [f.method, new URL(f.url!).pathname, f.serverIp]);
    assert.deepEqual(ours, theirs);
    assert.deepEqual(ours, [['GET', '/images/sf.net_box.gif', '66.35.250.204']]);
    assert.equal(http(flows)[0]!.status, 200);
    assert.match(http(flows)[0]!.notes!.join(), /message head cut: \d+ bytes not captured/);
    assert.equal(warnings.filter((w) => /snap length/.test(w)).length, 1);
    assert.match(warnings.find((w) => /snap length/.test(w))!, /: 3 × packets cut short by the capture's snap length .* \(first at packet 93\)$/);
  });

  it('quic-27: a draft-27 QUIC connection is named play.google.com', async () => {
    const { flows } = await observePeer('quic-27.pcap');
    const theirs = tsharkFields(`${PEER_DIR}quic-27.pcap`, 'tls.handshake.type == 1', ['tls.handshake.extensions_server_name']);
    const quic = flows.filter((f) => f.protocol === 'quic');
    assert.deepEqual(quic.map((f) => [f.host]), [...new Set(theirs.map((r) => r[0]))].map((n) => [n]));
    assert.equal(quic[0]!.host, 'play.google.com');
    assert.deepEqual(quic[0]!.notes, ['QUIC version draft-27']);
    assert.equal(quic[0]!.tls?.undecrypted?.reason, 'quic');
  });

  it('quic_frags_different_dcid: a ClientHello split across Initials to two connection ids is joined: cdnjs.cloudflare.com', async () => {
    const { flows } = await observePeer('quic_frags_different_dcid.pcapng');
    const theirs = tsharkFields(`${PEER_DIR}quic_frags_different_dcid.pcapng`, 'tls.handshake.type == 1', ['tls.handshake.extensions_server_name']);
    assert.deepEqual(flows.map((f) => [f.protocol, f.host]), theirs.map((r) => ['quic', r[0]]));
    assert.equal(flows[0]!.host, 'cdnjs.cloudflare.com');
  });

  it('dns-ooo: DNS over TCP, its response reassembled out of order, names example.com', async () => {
    const { flows } = await observePeer('dns-ooo.pcap');
    const theirs = tsharkFields(`${PEER_DIR}dns-ooo.pcap`, 'dns.flags.response == 1', ['dns.qry.name', 'dns.a'], ['-o', 'tcp.reassemble_out_of_order:TRUE']);
    assert.deepEqual(flows.map((f) => [f.dns!.query, f.dns!.answers.join(',')]), theirs);
    assert.deepEqual(flows.map((f) => [f.protocol, f.host, f.serverPort, f.dns?.answers]), [['dns', 'example.com', 53, ['93.184.216.34']]]);
  });

  it('dns_port: DNS on UDP ports other than 53 is recognised: both us.pool.ntp.org lookups with their answers', async () => {
    const { flows } = await observePeer('dns_port.pcap');
    const theirs = tsharkFields(`${PEER_DIR}dns_port.pcap`, 'dns.flags.response == 0', ['dns.qry.name', 'udp.dstport']);
    assert.deepEqual(flows.map((f) => [f.dns!.query, String(f.serverPort)]), theirs);
    for (const flow of flows) assert.equal(flow.dns!.answers.length, 15);
  });
});
