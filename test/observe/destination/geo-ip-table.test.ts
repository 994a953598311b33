/**
 * The range tables are read by a byte scanner for speed: they must give what a plain reading of the
 * CSV gives, for addresses across the whole space and at range edges.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { countryOfIp, isPrivateAddress } from '../../../src/observe/destination/geo-ip.js';

const require = createRequire(import.meta.url);
const folder = path.dirname(require.resolve('@ip-location-db/geo-whois-asn-country/package.json'));
const csv = path.join(folder, 'geo-whois-asn-country-ipv4-num.csv');
const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** The country of the row holding n, by bisection over plainly parsed rows (the reference). */
function bisect<N extends number | bigint>(rows: { start: N; end: N; country: string }[], n: N): string | undefined {
  let lo = 0, hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.start > n) hi = mid - 1;
    else if (rows[mid]!.end < n) lo = mid + 1;
    else return rows[mid]!.country;
  }
  return undefined;
}

describe('geo-ip IPv4 table', () => {
  it('agrees with a plain CSV reading at 3,000 range edges and 3,000 random addresses', () => {
    const rows = readFileSync(csv, 'utf8').split('\n').filter(Boolean).map((l) => l.split(',')).map(([a, b, c]) => ({ start: Number(a), end: Number(b), country: c!.trim() }));
    assert.ok(rows.length > 100_000);
    const reference = (n: number) => bisect(rows, n);
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const probes: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const row = rows[random() % rows.length]!;
      probes.push(row.start, row.end);
    }
    for (let i = 0; i < 3000; i++) probes.push(random());
    let located = 0;
    for (const n of probes) {
      const ip = dotted(n);
      if (isPrivateAddress(ip)) continue;
      const want = reference(n);
      assert.equal(countryOfIp(ip), want, ip);
      if (want) located++;
    }
    assert.ok(located > 5000, `${located} addresses located`);
  });

  it('agrees with a plain CSV reading of the IPv6 table at 2,000 range starts and ends', () => {
    // Ranges in this file nest, so the reference is the same bisection over plainly parsed rows.
    const rows = readFileSync(path.join(folder, 'geo-whois-asn-country-ipv6-num.csv'), 'utf8').split('\n').filter(Boolean).map((l) => l.split(','))
      .map(([a, b, c]) => ({ start: BigInt(a!), end: BigInt(b!), country: c!.trim() }));
    const reference = (n: bigint) => bisect(rows, n);
    const hextets = (n: bigint) => Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
    let checked = 0;
    for (let i = 0; i < rows.length; i += Math.max(1, Math.floor(rows.length / 1000))) {
      for (const value of [rows[i]!.start, rows[i]!.end]) {
        const ip = hextets(value);
        if (isPrivateAddress(ip)) continue;
        assert.equal(countryOfIp(ip), reference(value), ip);
        checked++;
      }
    }
    assert.ok(checked > 1500, `${checked} addresses checked`);
  });
});
