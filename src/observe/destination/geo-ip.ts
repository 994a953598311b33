/**
 * Offline IP → country from @ip-location-db/geo-whois-asn-country (CC0: derived from RIR WHOIS and
 * ASN data, so it names where the network is registered). Each address family's table (sorted
 * `start,end,country` lines) is read on its first lookup and searched in place, by bisection over
 * its bytes: parsing the 8 MB IPv4 and 17 MB IPv6 tables into arrays took longer than the whole
 * `observe` of a small capture, and a capture's flows go to a few hundred servers at most.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

const require = createRequire(import.meta.url);

let v4: Buffer | undefined;
let v6: Buffer | undefined;

function dataFile(name: string): string {
  const pkg = require.resolve('@ip-location-db/geo-whois-asn-country/package.json');
  return path.join(path.dirname(pkg), name);
}

/** A decimal field of the table as a number, read digit by digit (no string per field). */
const decimal = (bytes: Buffer, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (bytes[i]! - 0x30);
  return n;
};
/** IPv6 values exceed a double's integer range. */
const bigDecimal = (bytes: Buffer, from: number, to: number): bigint => BigInt(bytes.toString('latin1', from, to));

interface Line<N> {
  start: N;
  end: N;
  country: string;
}

const isDigits = (bytes: Buffer, from: number, to: number) => {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (bytes[i]! < 0x30 || bytes[i]! > 0x39) return false;
  return true;
};

/** The line from `at` to `lineEnd` as a range, or undefined when it lacks three fields, digits or a country (such lines are skipped). */
function parseLine<N>(bytes: Buffer, at: number, lineEnd: number, field: (bytes: Buffer, from: number, to: number) => N): Line<N> | undefined {
  const comma1 = bytes.indexOf(0x2c, at);
  if (comma1 < 0 || comma1 >= lineEnd) return undefined;
  const comma2 = bytes.indexOf(0x2c, comma1 + 1);
  if (comma2 < 0 || comma2 >= lineEnd || !isDigits(bytes, at, comma1) || !isDigits(bytes, comma1 + 1, comma2)) return undefined;
  const country = bytes.toString('latin1', comma2 + 1, lineEnd).trim();
  return country ? { start: field(bytes, at, comma1), end: field(bytes, comma1 + 1, comma2), country } : undefined;
}

/**
 * Ranges nest (a block registered to one country holds smaller blocks registered to others): the
 * answer is the innermost range holding the address, i.e. the last line starting at or before it
 * that also ends at or after it. No range of the shipped tables holds more than 849 later lines
 * (IPv4; 120 for IPv6), so the walk back from the last line starting before the address is bounded.
 */
export const MAX_NESTED_LINES = 4096;

/** Offset of the line holding byte `at`. */
const lineStartOf = (bytes: Buffer, at: number) => (at === 0 ? 0 : bytes.lastIndexOf(0x0a, at - 1) + 1);

function lineEndOf(bytes: Buffer, at: number): number {
  const end = bytes.indexOf(0x0a, at);
  return end < 0 ? bytes.length : end;
}

/** Bisection over the table's bytes for the last well-formed line whose start is at or before `value`; its offset, or -1. */
function lastStartingAtOrBefore<N extends number | bigint>(bytes: Buffer, value: N, field: (bytes: Buffer, from: number, to: number) => N): number {
  let lo = 0;
  let hi = bytes.length;
  let best = -1;
  while (lo < hi) {
    const first = Math.max(lineStartOf(bytes, (lo + hi) >>> 1), lo);
    // The line holding the middle byte, or the next well-formed one before hi (malformed lines are skipped).
    let at = first;
    let line: Line<N> | undefined;
    let lineEnd = at;
    while (at < hi) {
      lineEnd = lineEndOf(bytes, at);
      line = parseLine(bytes, at, lineEnd, field);
      if (line) break;
      at = lineEnd + 1;
    }
    if (!line || line.start > value) {
      hi = first;
    } else {
      best = at;
      lo = lineEnd + 1;
    }
  }
  return best;
}

function search<N extends number | bigint>(bytes: Buffer, value: N, field: (bytes: Buffer, from: number, to: number) => N): string | undefined {
  let at = lastStartingAtOrBefore(bytes, value, field);
  for (let step = 0; at >= 0 && step < MAX_NESTED_LINES; step++) {
    const line = parseLine(bytes, at, lineEndOf(bytes, at), field);
    if (line && line.end >= value) return line.country;
    if (at === 0) break;
    at = lineStartOf(bytes, at - 1);
  }
  return undefined;
}

export function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function ipv6ToBigInt(ip: string): bigint {
  let [head = '', tail = ''] = ip.includes('::') ? ip.split('::') : [ip, ''];
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const fixV4 = (s: string) => s.replace(/(\d+\.\d+\.\d+\.\d+)$/, (m) => {
    const n = ipv4ToNumber(m);
    return `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  });
  head = fixV4(head);
  tail = fixV4(tail);
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g || '0', 16)), 0n);
}

const PRIVATE_V4 = [
  ['10.0.0.0', '10.255.255.255'], ['172.16.0.0', '172.31.255.255'], ['192.168.0.0', '192.168.255.255'],
  ['127.0.0.0', '127.255.255.255'], ['169.254.0.0', '169.254.255.255'], ['100.64.0.0', '100.127.255.255'],
].map(([a, b]) => [ipv4ToNumber(a as string), ipv4ToNumber(b as string)] as const);

export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const n = ipv4ToNumber(ip);
    return PRIVATE_V4.some(([a, b]) => n >= a && n <= b);
  }
  const lower = ip.toLowerCase();
  return lower === '::1' || lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd');
}

/**
 * Answers remembered per address: a capture's flows go to few servers, and the private-range and
 * parsing checks cost more than the search. Bounded: cleared whole when full.
 */
const answers = new Map<string, string | null>();
const MAX_ANSWERS = 100_000;

/** ISO 3166-1 alpha-2 country of a public IP address, or undefined (private, unknown, not an IP). */
export function countryOfIp(ip: string): string | undefined {
  const known = answers.get(ip);
  if (known !== undefined) return known ?? undefined;
  const country = lookUpCountry(ip);
  if (answers.size >= MAX_ANSWERS) answers.clear();
  answers.set(ip, country ?? null);
  return country;
}

function lookUpCountry(ip: string): string | undefined {
  if (isPrivateAddress(ip)) return undefined;
  if (net.isIPv4(ip)) {
    v4 ??= readFileSync(dataFile('geo-whois-asn-country-ipv4-num.csv'));
    return search(v4, ipv4ToNumber(ip), decimal);
  }
  if (net.isIPv6(ip)) {
    v6 ??= readFileSync(dataFile('geo-whois-asn-country-ipv6-num.csv'));
    return search(v6, ipv6ToBigInt(ip), bigDecimal);
  }
  return undefined;
}
