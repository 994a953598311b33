import assert from 'node:assert/strict';
import { clientInitialKeys, openInitial, cryptoFrames } from '../../../src/observe/net/quic-initial.js';
import { QuicTracker } from '../../../src/observe/net/quic-tracker.js';
import { quicInitial } from '../../../src/observe/pcap/packet-builder.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const dcid = Buffer.from('8394c8f03e515708', 'hex');

describe('QUIC Initial', () => {
  it('derives the RFC 9001 Appendix A client keys', () => {
    const keys = clientInitialKeys(1, dcid)!;
    assert.equal(hex(keys.key), '1f369613dd76d5467730efcbe3b1a22d');
    assert.equal(hex(keys.iv), 'fa044b2f42a3fd3b46fb255c');
    assert.equal(hex(keys.hp), '9f50449e04a0e810283a1e9933adedd2');
    assert.equal(clientInitialKeys(0x12345678, dcid), undefined);
  });

  it('opens a protected Initial and finds the ClientHello in its CRYPTO frame', async () => {
    const packet = await quicInitial('h3.example.com', dcid);
    assert.equal(packet.length, 1200);
    const opened = openInitial(packet);
    assert.ok(typeof opened !== 'string', String(opened));
    const frames = cryptoFrames(opened.payload);
    assert.equal(frames.length, 1);
    assert.equal(frames[0]!.data[0], 1); // ClientHello
  });

  it('gives one quic flow per connection, named by the SNI', async () => {
    const tracker = new QuicTracker();
    const ends = { clientIp: '10.0.0.2', clientPort: 50000, serverIp: '203.0.113.3', serverPort: 443 };
    const packet = await quicInitial('h3.example.com', dcid, ['h3']);
    const flow = tracker.initial(packet, ends, 1.5);
    assert.ok(flow && typeof flow !== 'string');
    assert.deepEqual([flow.protocol, flow.host, flow.cleartext, flow.tls?.sni, flow.tls?.alpn], ['quic', 'h3.example.com', false, 'h3.example.com', ['h3']]);
    assert.equal(tracker.initial(packet, ends, 1.6), undefined); // a retransmission
    const tampered = Buffer.from(packet);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    assert.match(String(new QuicTracker().initial(tampered, ends, 2)), /did not authenticate/);
  });
});
