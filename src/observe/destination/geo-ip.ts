/**
 * Offline IP → country from @ip-location-db/geo-whois-asn-country (CC0: derived from RIR WHOIS and
 * ASN data, so it names where the network is registered). Ranges are loaded lazily on the first
 * lookup of each address family and searched by bisection.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

const require = createRequire(import.meta.url);

interface RangeTable<N> {
  starts: N[];
  ends: N[];
  countries: string[];
}

let v4: RangeTable<number> | undefined;
let v6: RangeTable<bigint> | undefined;

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

/**
 * A range table (`start,end,country` per line) read by scanning its bytes: splitting the 8 MB IPv4
 * and 17 MB IPv6 files into lines and fields cost 200 ms and more, paid by every run that locates a
 * server. Lines without three fields, or with a start or end that is not all digits, are skipped.
 */
function loadTable<N>(file: string, field: (bytes: Buffer, from: number, to: number) => N): RangeTable<N> {
  const bytes = readFileSync(dataFile(file));
  const table: RangeTable<N> = { starts: [], ends: [], countries: [] };
  const digits = (from: number, to: number) => {
    if (to <= from) return false;
    for (let i = from; i < to; i++) if (bytes[i]! < 0x30 || bytes[i]! > 0x39) return false;
    return true;
  };
  for (let at = 0; at < bytes.length; ) {
    let lineEnd = bytes.indexOf(0x0a, at);
    if (lineEnd < 0) lineEnd = bytes.length;
    const comma1 = bytes.indexOf(0x2c, at);
    const comma2 = comma1 >= 0 && comma1 < lineEnd ? bytes.indexOf(0x2c, comma1 + 1) : -1;
    if (comma2 >= 0 && comma2 < lineEnd && digits(at, comma1) && digits(comma1 + 1, comma2)) {
      const country = bytes.toString('latin1', comma2 + 1, lineEnd).trim();
      if (country) {
        table.starts.push(field(bytes, at, comma1));
        table.ends.push(field(bytes, comma1 + 1, comma2));
        table.countries.push(country);
      }
    }
    at = lineEnd + 1;
  }
  return table;
}

function search<N extends number | bigint>(table: RangeTable<N>, value: N): string | undefined {
  let lo = 0;
  let hi = table.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((table.starts[mid] as N) > value) hi = mid - 1;
    else if ((table.ends[mid] as N) < value) lo = mid + 1;
    else return table.countries[mid];
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
    v4 ??= loadTable('geo-whois-asn-country-ipv4-num.csv', decimal);
    return search(v4, ipv4ToNumber(ip));
  }
  if (net.isIPv6(ip)) {
    v6 ??= loadTable('geo-whois-asn-country-ipv6-num.csv', bigDecimal);
    return search(v6, ipv6ToBigInt(ip));
  }
  return undefined;
}
