/** DNS messages (RFC 1035): the question and the A, AAAA and CNAME answers. */
import { ipv4ToString, ipv6ToString, u16 } from './bytes.js';

export interface DnsMessage {
  id: number;
  response: boolean;
  /** RCODE (0 no error, 3 NXDOMAIN, …). */
  rcode: number;
  query?: { name: string; type: string };
  answers: string[];
}

const TYPES: Record<number, string> = {
  1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV',
  35: 'NAPTR', 43: 'DS', 46: 'RRSIG', 48: 'DNSKEY', 64: 'SVCB', 65: 'HTTPS', 255: 'ANY',
};

export function dnsTypeName(type: number): string {
  return TYPES[type] ?? `TYPE${type}`;
}

/** Parses a DNS message; returns a reason string when it is not one. */
export function parseDns(b: Uint8Array): DnsMessage | string {
  if (b.length < 12) return 'DNS message shorter than its 12-byte header';
  const flags = u16(b, 2);
  const qdcount = u16(b, 4);
  const ancount = u16(b, 6);
  const message: DnsMessage = { id: u16(b, 0), response: (flags & 0x8000) !== 0, rcode: flags & 0x0f, answers: [] };
  let at = 12;
  for (let i = 0; i < qdcount; i++) {
    const name = readName(b, at);
    if (typeof name === 'string') return name;
    at = name.next;
    if (at + 4 > b.length) return 'DNS question truncated';
    if (i === 0) message.query = { name: name.name, type: dnsTypeName(u16(b, at)) };
    at += 4;
  }
  for (let i = 0; i < ancount; i++) {
    const name = readName(b, at);
    if (typeof name === 'string') return message.query ? message : name; // keep the question from a cut answer
    at = name.next;
    if (at + 10 > b.length) break;
    const type = u16(b, at);
    const length = u16(b, at + 8);
    const data = at + 10;
    if (data + length > b.length) break;
    if (type === 1 && length === 4) message.answers.push(ipv4ToString(b, data));
    else if (type === 28 && length === 16) message.answers.push(ipv6ToString(b, data));
    else if (type === 5) {
      const target = readName(b, data);
      if (typeof target !== 'string') message.answers.push(target.name);
    }
    at = data + length;
  }
  return message;
}

/** A possibly compressed domain name; pointers are followed a bounded number of times. */
function readName(b: Uint8Array, start: number): { name: string; next: number } | string {
  const labels: string[] = [];
  let at = start;
  let next = -1;
  for (let jumps = 0; ; ) {
    if (at >= b.length) return 'DNS name runs past the message';
    const len = b[at]!;
    if (len === 0) {
      if (next < 0) next = at + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (at + 1 >= b.length) return 'DNS name pointer truncated';
      if (++jumps > 32) return 'DNS name compression loop';
      if (next < 0) next = at + 2;
      at = ((len & 0x3f) << 8) | b[at + 1]!;
      continue;
    }
    if ((len & 0xc0) !== 0) return 'DNS name uses an unknown label type';
    if (at + 1 + len > b.length) return 'DNS label runs past the message';
    labels.push(Buffer.from(b.subarray(at + 1, at + 1 + len)).toString('latin1'));
    at += 1 + len;
    if (labels.length > 128) return 'DNS name has too many labels';
  }
  return { name: labels.join('.') || '.', next };
}

/**
 * True when a UDP payload on a port other than 53 is a DNS message beyond reasonable doubt: one
 * question of class IN (or ANY), a standard query opcode, and every record of every section
 * ending exactly at the end of the payload. Random or other-protocol bytes practically never pass.
 */
export function looksLikeDns(b: Uint8Array): boolean {
  if (b.length < 17 || b.length > 4096) return false;
  const flags = u16(b, 2);
  if (((flags >> 11) & 0x0f) !== 0 || (flags & 0x0040) !== 0 || u16(b, 4) !== 1) return false;
  const response = (flags & 0x8000) !== 0;
  const [an, ns, ar] = [u16(b, 6), u16(b, 8), u16(b, 10)];
  if (!response && (an !== 0 || ns !== 0 || ar > 1)) return false;
  if (an + ns + ar > 256) return false;
  const question = readName(b, 12);
  if (typeof question === 'string' || question.name === '.' || question.next + 4 > b.length) return false;
  const qclass = u16(b, question.next + 2);
  if (u16(b, question.next) === 0 || (qclass !== 1 && qclass !== 255)) return false;
  let at = question.next + 4;
  for (let i = 0; i < an + ns + ar; i++) {
    const name = readName(b, at);
    if (typeof name === 'string' || name.next + 10 > b.length) return false;
    at = name.next + 10 + u16(b, name.next + 8);
    if (at > b.length) return false;
  }
  return at === b.length;
}
