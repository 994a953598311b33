/**
 * Test helpers for sharded reassembly: read a capture with the TCP connections on the main thread
 * and in 1 and 2 worker threads (started from the first packet), and small captures that exercise
 * what the merge must get right (sweeps, DNS names, port reuse, resets, fragments, DNS over TCP).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CaptureReader, RawFlow } from '../../../src/observe/reader.js';
import { pcapReader } from '../../../src/observe/pcap/pcap.js';
import { pcapngReader } from '../../../src/observe/pcap/pcapng.js';
import { isPcapngMagic } from '../../../src/observe/pcap/pcapng-parser.js';
import type { KeyLog } from '../../../src/observe/tls/keylog.js';
import { clientHello, dnsMessage, ethernet, ipv4, ipv4Fragments, TCP_FLAGS, tcp, udp } from '../../../src/observe/pcap/packet-builder.js';
import { TcpConversation, type TimedFrame } from '../../../src/observe/pcap/writer.js';

export interface ReadOutcome {
  flows: RawFlow[];
  warnings: string[];
  error?: unknown;
}

export function readerFor(path: string): CaptureReader {
  return isPcapngMagic(readFileSync(path).subarray(0, 4)) ? pcapngReader : pcapReader;
}

export async function readWith(path: string, workers: number, keylog?: KeyLog): Promise<ReadOutcome> {
  const outcome: ReadOutcome = { flows: [], warnings: [] };
  const ctx = { source: path, warn: (m: string) => outcome.warnings.push(m), reassemblyWorkers: workers, reassemblyWorkersAfter: 0, ...(keylog ? { keylog } : {}) };
  try {
    for await (const flow of readerFor(path).read(path, ctx)) outcome.flows.push(flow);
  } catch (error) {
    outcome.error = error;
  }
  return outcome;
}

/** Reads `path` unsharded and with 1 and 2 workers; asserts all three alike; returns the unsharded outcome. */
export async function assertShardedSame(path: string, keylog?: KeyLog): Promise<ReadOutcome> {
  const single = await readWith(path, 0, keylog);
  for (const workers of [1, 2]) {
    const sharded = await readWith(path, workers, keylog);
    assert.equal(sharded.flows.length, single.flows.length, `${path}: ${workers} workers, flow count`);
    assert.deepStrictEqual(sharded, single, `${path}: ${workers} workers`);
  }
  return single;
}

const CLIENT = '10.1.0.2';
const text = (s: string) => new TextEncoder().encode(s);

/** An HTTP/1.0 request without Host: its flow is named by the DNS answer for the server's address, if any. */
function bareGet(path: string): Uint8Array {
  return text(`GET ${path} HTTP/1.0\r\nUser-Agent: t\r\n\r\n`);
}

function dnsUdp(time: number, id: number, name: string, address: string, clientPort: number): TimedFrame[] {
  const q = udp(dnsMessage(id, name, 'A'), { src: CLIENT, dst: '10.1.0.1', srcPort: clientPort, dstPort: 53 });
  const a = udp(dnsMessage(id, name, 'A', [{ type: 'A', value: address }]), { src: '10.1.0.1', dst: CLIENT, srcPort: 53, dstPort: clientPort });
  return [
    { time, data: ethernet(ipv4(q, { src: CLIENT, dst: '10.1.0.1', protocol: 17 })) },
    { time: time + 0.01, data: ethernet(ipv4(a, { src: '10.1.0.1', dst: CLIENT, protocol: 17 })) },
  ];
}

/** A DNS lookup over TCP (2-byte length framing): its answer names later servers too. */
function dnsTcp(time: number, id: number, name: string, address: string, clientPort: number): TimedFrame[] {
  const frame = (m: Uint8Array) => Uint8Array.from([m.length >> 8, m.length & 0xff, ...m]);
  const c = new TcpConversation({ ip: CLIENT, port: clientPort }, { ip: '10.1.0.1', port: 53 }, time).handshake();
  c.send(true, frame(dnsMessage(id, name, 'A')));
  c.send(false, frame(dnsMessage(id, name, 'A', [{ type: 'A', value: address }])));
  return c.close().frames;
}

/**
 * Sixty-odd connections over 40 minutes of capture time: names learnt over UDP and TCP DNS before
 * the connections they name, requests left open and swept after 600 s of silence (sweeps every 60 s),
 * one record whose time goes back, a reused port pair, resets, TLS hellos without SNI, fragmented IP.
 */
export function scenarioFrames(): TimedFrame[] {
  const frames: TimedFrame[] = [];
  for (let n = 0; n < 64; n++) {
    const base = Math.floor(n / 16) * 700 + (n % 16) * 3;
    const server = `198.51.100.${n + 1}`;
    const port = 40000 + n;
    frames.push(...(n % 5 === 0 ? dnsTcp(base, n, `tcp-dns-${n}.test`, server, 30000 + n) : dnsUdp(base, n, `host-${n}.test`, server, 30000 + n)));
    const tls = n % 4 === 1;
    const c = new TcpConversation({ ip: CLIENT, port }, { ip: server, port: tls ? 443 : 80 }, base + 1, { step: 0.5 }).handshake();
    if (tls) c.send(true, clientHello(n % 8 === 1 ? undefined : `sni-${n}.test`, ['http/1.1'], n));
    else c.send(true, bareGet(`/n${n}`));
    if (n % 3 === 0) c.send(false, text('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    if (n % 7 === 3) {
      const rst = tcp(new Uint8Array(0), { src: CLIENT, dst: server, srcPort: port, dstPort: tls ? 443 : 80, seq: 5, ack: 0, flags: TCP_FLAGS.RST });
      frames.push({ time: base + 2.5, data: ethernet(ipv4(rst, { src: CLIENT, dst: server, protocol: 6 })) });
    } else if (n % 2 === 0) c.close(); // the others stay open: swept when idle, or closed at the end
    frames.push(...c.frames);
    if (n % 9 === 4) {
      // The same port pair again, a new ISN: the first connection ends, a second one starts.
      const again = new TcpConversation({ ip: CLIENT, port }, { ip: server, port: tls ? 443 : 80 }, base + 2.8, { isn: [90000, 70000] }).handshake();
      again.send(true, text(`GET /again${n} HTTP/1.1\r\nHost: again-${n}.test\r\n\r\n`));
      frames.push(...again.frames);
    }
    if (n % 6 === 2) {
      // A request in IP fragments.
      const segment = tcp(text(`POST /frag${n} HTTP/1.1\r\nHost: frag-${n}.test\r\nContent-Length: 300\r\n\r\n${'x'.repeat(300)}`), { src: CLIENT, dst: server, srcPort: port + 1000, dstPort: 80, seq: 1, ack: 0, flags: TCP_FLAGS.ACK | TCP_FLAGS.PSH });
      ipv4Fragments(segment, { src: CLIENT, dst: server, protocol: 6, id: 4000 + n }, 128).forEach((f, k) => frames.push({ time: base + 2 + k * 0.01, data: ethernet(f) }));
    }
  }
  // Stable sort by time, then one record out of time order (a merged capture).
  const sorted = frames.map((f, i) => ({ f, i })).sort((a, b) => a.f.time - b.f.time || a.i - b.i).map(({ f }) => f);
  const late = sorted.findIndex((f) => f.time > 1410);
  sorted.splice(late, 0, { ...sorted[late]!, time: 700.2 });
  return sorted;
}
