/**
 * Streams hostile TCP conversations into a pcap file without holding them in memory: each call
 * appends frames; payloads can be produced piece by piece (an endless body, a 10 MB header).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { ethernet, ip, TCP_FLAGS, tcp } from '../../src/observe/pcap/packet-builder.js';
import { writePcap } from '../../src/observe/pcap/writer.js';

export class PcapStream {
  private readonly fd: number;
  private time = 1_772_440_000;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, writePcap([]));
  }

  frame(data: Uint8Array): void {
    const record = Buffer.alloc(16);
    const seconds = Math.floor(this.time);
    record.writeUInt32LE(seconds, 0);
    record.writeUInt32LE(Math.round((this.time - seconds) * 1e6), 4);
    record.writeUInt32LE(data.length, 8);
    record.writeUInt32LE(data.length, 12);
    writeSync(this.fd, Buffer.concat([record, data]));
    this.time += 0.0001;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** One client→server TCP connection written as it goes (handshake first, FIN only if `end()` is called). */
export class TcpWriter {
  private seq = 1000;
  private readonly serverSeq = 5000;

  constructor(private readonly out: PcapStream, private readonly client: { ip: string; port: number }, private readonly server: { ip: string; port: number }) {
    this.segment(true, TCP_FLAGS.SYN, new Uint8Array(0));
    this.seq++;
    this.segment(false, TCP_FLAGS.SYN | TCP_FLAGS.ACK, new Uint8Array(0), 4999);
    this.segment(true, TCP_FLAGS.ACK, new Uint8Array(0));
  }

  private segment(fromClient: boolean, flags: number, payload: Uint8Array, seq?: number): void {
    const [a, b] = fromClient ? [this.client, this.server] : [this.server, this.client];
    const s = tcp(payload, { src: a.ip, dst: b.ip, srcPort: a.port, dstPort: b.port, seq: seq ?? (fromClient ? this.seq : this.serverSeq), ack: fromClient ? this.serverSeq : this.seq, flags });
    this.out.frame(ethernet(ip(s, a.ip, b.ip, 6)));
  }

  /** Client data, cut into 1400-byte segments. */
  send(data: Uint8Array): void {
    for (let at = 0; at < data.length; at += 1400) {
      const piece = data.subarray(at, at + 1400);
      this.segment(true, TCP_FLAGS.ACK | TCP_FLAGS.PSH, piece);
      this.seq = (this.seq + piece.length) >>> 0;
    }
  }

  end(): void {
    this.segment(true, TCP_FLAGS.FIN | TCP_FLAGS.ACK, new Uint8Array(0));
    this.seq++;
    this.segment(false, TCP_FLAGS.FIN | TCP_FLAGS.ACK, new Uint8Array(0));
  }
}

/** A plain request carrying an IMEI: when it is detected, the capture was read past the hostile part. */
export function imeiRequest(path = '/after'): Buffer {
  return Buffer.from(`GET ${path}?imei=861234567890127 HTTP/1.1\r\nHost: api.example.cn\r\n\r\n`);
}
