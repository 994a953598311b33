import assert from 'node:assert/strict';
import { ipv6ToString } from '../../../src/observe/net/bytes.js';
import { IpDecoder } from '../../../src/observe/net/ip.js';
import { decodeLink, LINKTYPE } from '../../../src/observe/net/link.js';
import { ethernet, ipBytes, ipv4, ipv4Fragments, ipv6, sll, udp } from '../../../src/observe/pcap/packet-builder.js';

const payload = udp(Buffer.from('payload'), { src: '10.0.0.1', dst: '10.0.0.2', srcPort: 1, dstPort: 53 });
const packet = ipv4(payload, { src: '10.0.0.1', dst: '10.0.0.2', protocol: 17 });

describe('link layers', () => {
  it('finds IPv4 inside Ethernet, 802.1Q and QinQ tags', () => {
    for (const vlans of [[], [10], [10, 20]]) {
      const link = decodeLink(LINKTYPE.ETHERNET, ethernet(packet, { vlans }));
      assert.equal(link?.version, 4);
      assert.deepEqual(Buffer.from(link!.bytes), Buffer.from(packet));
    }
  });

  it('reads Linux cooked v1 and v2, raw IP and BSD loopback', () => {
    assert.equal(decodeLink(LINKTYPE.LINUX_SLL, sll(packet, 1))?.bytes.length, packet.length);
    assert.equal(decodeLink(LINKTYPE.LINUX_SLL2, sll(packet, 2))?.bytes.length, packet.length);
    assert.equal(decodeLink(LINKTYPE.RAW, packet)?.version, 4);
    const v6 = ipv6(payload, { src: '::1', dst: '::1', nextHeader: 17 });
    assert.equal(decodeLink(LINKTYPE.NULL, Buffer.concat([Buffer.from([30, 0, 0, 0]), v6]))?.version, 6); // little-endian AF_INET6 (macOS)
    assert.equal(decodeLink(LINKTYPE.LOOP, Buffer.concat([Buffer.from([0, 0, 0, 2]), packet]))?.version, 4);
    assert.equal(decodeLink(LINKTYPE.ETHERNET, ethernet(Buffer.alloc(28), { ethertype: 0x0806 })), undefined); // ARP
  });
});

describe('IP decoding', () => {
  it('prints IPv6 addresses in RFC 5952 form', () => {
    assert.equal(ipv6ToString(ipBytes('2001:db8:0:0:1:0:0:1'), 0), '2001:db8::1:0:0:1');
    assert.equal(ipv6ToString(ipBytes('::1'), 0), '::1');
    assert.equal(ipv6ToString(ipBytes('fe80::'), 0), 'fe80::');
  });

  it('skips IPv6 extension headers to the transport header', () => {
    const d = new IpDecoder().decode({ version: 6, bytes: ipv6(payload, { src: '2001:db8::1', dst: '2001:db8::2', nextHeader: 17, extensions: [0, 60] }) }, 0);
    assert.ok('datagram' in d);
    assert.equal(d.datagram.protocol, 17);
    assert.deepEqual(Buffer.from(d.datagram.payload), Buffer.from(payload));
  });

  it('reassembles IPv4 fragments arriving out of order', () => {
    const big = Buffer.alloc(3000, 7);
    const frags = ipv4Fragments(big, { src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, id: 42 }, 1480);
    const decoder = new IpDecoder();
    const results = [frags[2]!, frags[0]!, frags[1]!].map((f) => decoder.decode({ version: 4, bytes: f }, 1));
    assert.ok('pending' in results[0]! && 'pending' in results[1]!);
    const last = results[2]!;
    assert.ok('datagram' in last);
    assert.deepEqual(Buffer.from(last.datagram.payload), big);
    assert.equal(decoder.pendingDatagrams, 0);
  });

  it('bounds and times out partial datagrams', () => {
    const decoder = new IpDecoder({ maxDatagrams: 2, timeoutSeconds: 10 });
    for (let id = 0; id < 4; id++) {
      const [first] = ipv4Fragments(Buffer.alloc(100), { src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, id }, 48);
      decoder.decode({ version: 4, bytes: first! }, 1);
    }
    assert.equal(decoder.pendingDatagrams, 2);
    assert.equal(decoder.droppedFragmentedDatagrams, 2);
    const [late] = ipv4Fragments(Buffer.alloc(100), { src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, id: 9 }, 48);
    decoder.decode({ version: 4, bytes: late! }, 100);
    assert.equal(decoder.pendingDatagrams, 1);
  });

  it('reports malformed headers instead of throwing', () => {
    const d = new IpDecoder();
    assert.ok('malformed' in d.decode({ version: 4, bytes: Buffer.alloc(10) }, 0));
    const badVersion = Buffer.from(packet);
    badVersion[0] = 0x05;
    assert.ok('malformed' in d.decode({ version: 4, bytes: badVersion }, 0));
  });
});
