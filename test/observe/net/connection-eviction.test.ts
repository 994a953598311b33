import assert from 'node:assert/strict';
import { DEFAULT_LIMITS, FlowAssembler } from '../../../src/observe/net/flow-assembler.js';
import { ethernet, ipv4, TCP_FLAGS, tcp } from '../../../src/observe/pcap/packet-builder.js';

const SERVER = '203.0.113.9';

/** One client packet of connection `n` (its own source port): a SYN, or a request byte string. */
function packet(n: number, time: number, body?: string) {
  const src = '10.0.0.2';
  const seq = 1000;
  const payload = body ? new TextEncoder().encode(body) : new Uint8Array();
  const segment = tcp(payload, {
    src, dst: SERVER, srcPort: 20_000 + n, dstPort: 80, seq: body ? seq + 1 : seq, ack: 0,
    flags: body ? TCP_FLAGS.ACK | TCP_FLAGS.PSH : TCP_FLAGS.SYN,
  });
  return { time, linkType: 1, data: ethernet(ipv4(segment, { src, dst: SERVER, protocol: 6 })) };
}

const request = (n: number) => `GET /c${n} HTTP/1.1\r\nHost: h${n}.example\r\n\r\n`;
const hosts = (flows: { host: string }[]) => flows.map((f) => f.host);

describe('open TCP connections are bounded, least recently active closed first', () => {
  it('closes the connection silent for longest when the limit is reached, not the one opened first', () => {
    const assembler = new FlowAssembler({ ...DEFAULT_LIMITS, maxConnections: 3 });
    for (let n = 0; n < 3; n++) assembler.packet(packet(n, 1 + n));
    assert.deepEqual(assembler.packet(packet(0, 10, request(0))), [], 'connection 0 is active again');
    // Connections 3 and 4 open: 1 and then 2 have been silent longest (they sent no request: no flow).
    assert.deepEqual(assembler.packet(packet(3, 11, request(3))), []);
    assert.deepEqual(assembler.packet(packet(4, 12, request(4))), []);
    // Connection 0, opened first but active since, is still open and gives its request at the end.
    assert.deepEqual(hosts(assembler.end()).sort(), ['h0.example', 'h3.example', 'h4.example']);
    assert.ok(assembler.warnings().some((w) => /^2 × connections closed early because too many were open at once/.test(w)), assembler.warnings().join('; '));
  });

  it('with 20,000 connections over a limit of 1,000, every request is still reported exactly once', () => {
    const assembler = new FlowAssembler({ ...DEFAULT_LIMITS, maxConnections: 1_000 });
    const seen: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      seen.push(...hosts(assembler.packet(packet(n, n / 1000))));
      seen.push(...hosts(assembler.packet(packet(n, n / 1000 + 0.0001, request(n)))));
    }
    seen.push(...hosts(assembler.end()));
    assert.equal(seen.length, 20_000);
    assert.equal(new Set(seen).size, 20_000);
  });

  it('an idle sweep closes the silent connections and keeps the active ones', () => {
    const assembler = new FlowAssembler({ ...DEFAULT_LIMITS, idleSeconds: 100 });
    assembler.packet(packet(0, 0, undefined));
    assembler.packet(packet(0, 1, request(0)));
    assembler.packet(packet(1, 50, undefined));
    assembler.packet(packet(1, 51, request(1)));
    // The sweep at t=120 finds connection 0 (last active at 1) idle; connection 1 (51) is not.
    assert.deepEqual(hosts(assembler.packet(packet(2, 120, undefined))), ['h0.example']);
    assert.deepEqual(hosts(assembler.end()), ['h1.example']);
  });
});
