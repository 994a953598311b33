/**
 * Builds well-formed packets (Ethernet, IPv4, IPv6, TCP, UDP, DNS, TLS ClientHello) for tests and
 * the example capture. Lengths and checksums are computed as a real stack would.
 */
import { isIPv4 } from 'node:net';

export type Bytes = Uint8Array;

function cat(parts: readonly Bytes[]): Uint8Array {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.length)));
}

function be16(n: number): Bytes {
  return Uint8Array.of((n >> 8) & 0xff, n & 0xff);
}

function be32(n: number): Bytes {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

export function ipBytes(ip: string): Bytes {
  if (isIPv4(ip)) return Uint8Array.from(ip.split('.').map(Number));
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return cat(groups.map((g) => be16(parseInt(g, 16))));
}

/** RFC 1071 ones'-complement sum. */
function checksum(data: Bytes): number {
  let sum = 0;
  for (let i = 0; i + 1 < data.length; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
  if (data.length % 2) sum += data[data.length - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function pseudoHeader(src: string, dst: string, protocol: number, length: number): Bytes {
  const s = ipBytes(src);
  const d = ipBytes(dst);
  return s.length === 4 ? cat([s, d, Uint8Array.of(0, protocol), be16(length)]) : cat([s, d, be32(length), Uint8Array.of(0, 0, 0, protocol)]);
}

export function ethernet(payload: Bytes, options: { ethertype?: number; vlans?: number[] } = {}): Uint8Array {
  const dst = Uint8Array.of(0x02, 0, 0, 0, 0, 0x02);
  const src = Uint8Array.of(0x02, 0, 0, 0, 0, 0x01);
  const tags = (options.vlans ?? []).map((id) => cat([be16(0x8100), be16(id & 0x0fff)]));
  return cat([dst, src, ...tags, be16(options.ethertype ?? 0x0800), payload]);
}

/** Linux cooked capture v1 (16-byte header) or v2 (20 bytes). */
export function sll(payload: Bytes, version: 1 | 2, protocol = 0x0800): Uint8Array {
  if (version === 1) return cat([be16(0), be16(1), be16(6), Uint8Array.of(2, 0, 0, 0, 0, 1, 0, 0), be16(protocol), payload]);
  return cat([be16(protocol), be16(0), be32(2), be16(1), Uint8Array.of(0, 6), Uint8Array.of(2, 0, 0, 0, 0, 1, 0, 0), payload]);
}

export interface Ipv4Options {
  src: string;
  dst: string;
  protocol: number;
  id?: number;
  ttl?: number;
  /** Fragment offset in bytes (a multiple of 8). */
  fragmentOffset?: number;
  moreFragments?: boolean;
}

export function ipv4(payload: Bytes, o: Ipv4Options): Uint8Array {
  const header = cat([
    Uint8Array.of(0x45, 0),
    be16(20 + payload.length),
    be16(o.id ?? 0x1234),
    be16(((o.moreFragments ? 0x2000 : o.fragmentOffset === undefined ? 0x4000 : 0) | ((o.fragmentOffset ?? 0) / 8)) & 0xffff),
    Uint8Array.of(o.ttl ?? 64, o.protocol),
    be16(0),
    ipBytes(o.src),
    ipBytes(o.dst),
  ]);
  header.set(be16(checksum(header)), 10);
  return cat([header, payload]);
}

/** Splits a transport payload into IPv4 fragments of at most `size` payload bytes (multiple of 8). */
export function ipv4Fragments(payload: Bytes, o: Ipv4Options, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < payload.length; at += size) {
    const more = at + size < payload.length;
    out.push(ipv4(payload.subarray(at, at + size), { ...o, fragmentOffset: at, moreFragments: more }));
  }
  return out;
}

/** IPv6 with optional extension headers before the transport header (hop-by-hop, destination options). */
export function ipv6(payload: Bytes, o: { src: string; dst: string; nextHeader: number; extensions?: number[] }): Uint8Array {
  let next = o.nextHeader;
  let body: Bytes = payload;
  for (const type of [...(o.extensions ?? [])].reverse()) {
    body = cat([Uint8Array.of(next, 0, 1, 4, 0, 0, 0, 0), body]); // 8 bytes: PadN option
    next = type;
  }
  return cat([Uint8Array.of(0x60, 0, 0, 0), be16(body.length), Uint8Array.of(next, 64), ipBytes(o.src), ipBytes(o.dst), body]);
}

export const TCP_FLAGS = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export interface TcpOptions {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
}

export function tcp(payload: Bytes, o: TcpOptions): Uint8Array {
  const segment = cat([be16(o.srcPort), be16(o.dstPort), be32(o.seq >>> 0), be32(o.ack >>> 0), Uint8Array.of(0x50, o.flags), be16(65535), be16(0), be16(0), payload]);
  segment.set(be16(checksum(cat([pseudoHeader(o.src, o.dst, 6, segment.length), segment]))), 16);
  return segment;
}

export function udp(payload: Bytes, o: { src: string; dst: string; srcPort: number; dstPort: number }): Uint8Array {
  const datagram = cat([be16(o.srcPort), be16(o.dstPort), be16(8 + payload.length), be16(0), payload]);
  const sum = checksum(cat([pseudoHeader(o.src, o.dst, 17, datagram.length), datagram]));
  datagram.set(be16(sum === 0 ? 0xffff : sum), 6);
  return datagram;
}

/** IP (v4 or v6 by address) carrying a transport payload. */
export function ip(payload: Bytes, src: string, dst: string, protocol: number): Uint8Array {
  return isIPv4(src) ? ipv4(payload, { src, dst, protocol }) : ipv6(payload, { src, dst, nextHeader: protocol });
}

function dnsName(name: string): Bytes {
  return cat([...name.split('.').filter(Boolean).map((l) => cat([Uint8Array.of(l.length), Buffer.from(l, 'ascii')])), Uint8Array.of(0)]);
}

const DNS_TYPES: Record<string, number> = { A: 1, CNAME: 5, AAAA: 28 };

export interface DnsAnswer {
  type: 'A' | 'AAAA' | 'CNAME';
  /** Owner name; the question name when absent. */
  name?: string;
  value: string;
}

/** A DNS query, or with `answers` its response (answer owner names point back at the question). */
export function dnsMessage(id: number, name: string, type: 'A' | 'AAAA', answers?: DnsAnswer[]): Uint8Array {
  const response = answers !== undefined;
  const parts: Bytes[] = [be16(id), be16(response ? 0x8180 : 0x0100), be16(1), be16(answers?.length ?? 0), be16(0), be16(0), dnsName(name), be16(DNS_TYPES[type]!), be16(1)];
  for (const a of answers ?? []) {
    const data = a.type === 'CNAME' ? dnsName(a.value) : ipBytes(a.value);
    parts.push(a.name ? dnsName(a.name) : be16(0xc00c), be16(DNS_TYPES[a.type]!), be16(1), be32(300), be16(data.length), data);
  }
  return cat(parts);
}

/** A TLS 1.2/1.3 ClientHello record with SNI and (optionally) ALPN. */
export function clientHello(sni: string | undefined, alpn: string[] = [], random = 7): Uint8Array {
  const ext = (type: number, data: Bytes) => cat([be16(type), be16(data.length), data]);
  const extensions: Bytes[] = [];
  if (sni) {
    const name = Buffer.from(sni, 'ascii');
    extensions.push(ext(0, cat([be16(name.length + 3), Uint8Array.of(0), be16(name.length), name])));
  }
  if (alpn.length) {
    const list = cat(alpn.map((p) => cat([Uint8Array.of(p.length), Buffer.from(p, 'ascii')])));
    extensions.push(ext(16, cat([be16(list.length), list])));
  }
  extensions.push(ext(43, Uint8Array.of(4, 0x03, 0x04, 0x03, 0x03)));
  const extBytes = cat(extensions);
  const body = cat([be16(0x0303), new Uint8Array(32).fill(random), Uint8Array.of(0), be16(4), be16(0x1301), be16(0xc02f), Uint8Array.of(1, 0), be16(extBytes.length), extBytes]);
  const handshake = cat([Uint8Array.of(1, 0, (body.length >> 8) & 0xff, body.length & 0xff), body]);
  return cat([Uint8Array.of(0x16, 0x03, 0x01), be16(handshake.length), handshake]);
}

export interface QuicInitialOptions {
  /** QUIC version (default 1; drafts are 0xff0000NN). */
  version?: number;
  /** The connection id the keys derive from, when it differs from the packet's DCID (a client that switched to the server's). */
  keyDcid?: Uint8Array;
  /** The part [start, end) of the ClientHello carried, in one CRYPTO frame at that offset (default: all of it). */
  part?: [number, number];
  packetNumber?: number;
}

/**
 * A QUIC client Initial carrying a ClientHello (or part of one) in one CRYPTO frame, padded to 1200
 * bytes and protected as RFC 9001 §5 prescribes (so tshark and our reader can open it).
 */
export async function quicInitial(sni: string, dcid: Uint8Array, alpn: string[] = ['h3'], options: QuicInitialOptions = {}): Promise<Uint8Array> {
  const { createCipheriv } = await import('node:crypto');
  const { clientInitialKeys } = await import('../net/quic-initial.js');
  const version = options.version ?? 1;
  const keys = clientInitialKeys(version, options.keyDcid ?? dcid)!;
  const handshake = clientHello(sni, alpn).subarray(5); // the handshake message without the TLS record header
  const [start, end] = options.part ?? [0, handshake.length];
  const piece = handshake.subarray(start, end);
  const crypto = cat([Uint8Array.of(0x06), varint2(start), varint2(piece.length), piece]);
  const pnLength = 1;
  const pn = options.packetNumber ?? 0;
  const headerWithoutLength = cat([Uint8Array.of(0xc0 | (pnLength - 1)), be32(version), Uint8Array.of(dcid.length), dcid, Uint8Array.of(0), Uint8Array.of(0)]);
  const payloadLength = Math.max(crypto.length, 1200 - headerWithoutLength.length - 2 - pnLength - 16);
  const plain = cat([crypto, new Uint8Array(payloadLength - crypto.length)]);
  const header = cat([headerWithoutLength, varint2(pnLength + plain.length + 16), Uint8Array.of(pn)]);
  const nonce = Buffer.from(keys.iv);
  nonce[11] = nonce[11]! ^ pn;
  const cipher = createCipheriv('aes-128-gcm', keys.key, nonce);
  cipher.setAAD(header);
  const sealed = cat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  const packet = cat([header, sealed]);
  const pnOffset = header.length - pnLength;
  const mask = createCipheriv('aes-128-ecb', keys.hp, null).update(packet.subarray(pnOffset + 4, pnOffset + 20));
  packet[0] = packet[0]! ^ (mask[0]! & 0x0f);
  packet[pnOffset] = packet[pnOffset]! ^ mask[1]!;
  return packet;
}

function varint2(n: number): Bytes {
  return Uint8Array.of(0x40 | (n >> 8), n & 0xff);
}
