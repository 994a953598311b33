/**
 * Collects the ClientHello of each QUIC connection from its client Initial packets (it may span
 * several) and produces one `quic` flow per connection, named by the SNI.
 */
import type { RawFlow } from '../reader.js';
import { isoTime } from './http-flow.js';
import { cryptoFrames, openInitial } from './quic-initial.js';
import { parseClientHello } from './tls-hello.js';

interface Pending {
  time: number;
  pieces: Map<number, Uint8Array>;
  bytes: number;
}

export interface QuicEnds {
  clientIp: string;
  clientPort: number;
  serverIp: string;
  serverPort: number;
}

const MAX_HELLO = 1 << 16;

export class QuicTracker {
  private readonly pending = new Map<string, Pending>();
  private readonly done = new Set<string>();

  constructor(private readonly maxConnections = 10_000) {}

  /** A UDP payload that looksLikeQuicInitial; returns the flow once the ClientHello is complete. */
  initial(payload: Uint8Array, ends: QuicEnds, time: number): RawFlow | string | undefined {
    const packet = openInitial(payload);
    if (typeof packet === 'string') return packet;
    const key = `${ends.clientIp}|${ends.clientPort}|${ends.serverIp}|${ends.serverPort}|${Buffer.from(packet.dcid).toString('hex')}`;
    if (this.done.has(key)) return undefined;
    let p = this.pending.get(key);
    if (!p) {
      if (this.pending.size >= this.maxConnections) this.pending.delete(this.pending.keys().next().value as string);
      p = { time, pieces: new Map(), bytes: 0 };
      this.pending.set(key, p);
    }
    for (const frame of cryptoFrames(packet.payload)) {
      if (frame.offset + frame.data.length > MAX_HELLO || p.pieces.has(frame.offset)) continue;
      p.pieces.set(frame.offset, Uint8Array.from(frame.data));
      p.bytes += frame.data.length;
    }
    const stream = this.contiguous(p);
    if (stream.length < 4) return undefined;
    if (stream[0] !== 1) return this.finish(key, 'first QUIC CRYPTO message is not a ClientHello');
    const need = 4 + ((stream[1]! << 16) | (stream[2]! << 8) | stream[3]!);
    if (stream.length < need) return undefined;
    const hello = parseClientHello(stream.subarray(4, need));
    if (typeof hello === 'string') return this.finish(key, hello);
    this.finish(key);
    const tls = { ...(hello.sni ? { sni: hello.sni } : {}), ...(hello.alpn ? { alpn: hello.alpn } : {}), version: '1.3', decrypted: false };
    return { time: isoTime(p.time), protocol: 'quic', cleartext: false, ...ends, host: (hello.sni ?? ends.serverIp).toLowerCase(), tls };
  }

  private contiguous(p: Pending): Uint8Array {
    const parts: Uint8Array[] = [];
    let at = 0;
    for (const offset of [...p.pieces.keys()].sort((a, b) => a - b)) {
      if (offset > at) break;
      const data = p.pieces.get(offset)!;
      if (offset + data.length > at) parts.push(data.subarray(at - offset));
      at = Math.max(at, offset + data.length);
    }
    return Buffer.concat(parts);
  }

  private finish(key: string, problem?: string): string | undefined {
    this.pending.delete(key);
    this.done.add(key);
    if (this.done.size > this.maxConnections) this.done.delete(this.done.values().next().value as string);
    return problem;
  }
}
