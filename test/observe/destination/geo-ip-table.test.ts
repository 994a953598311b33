/**
 * The range tables are read by a byte scanner for speed: they must give what a plain reading of the
 * CSV gives, for addresses across the whole space and at range edges.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { countryOfIp, isPrivateAddress, MAX_NESTED_LINES } from '../../../src/observe/destination/geo-ip.js';

const require = createRequire(import.meta.url);
const folder = path.dirname(require.resolve('@ip-location-db/geo-whois-asn-country/package.json'));
const csv = path.join(folder, 'geo-whois-asn-country-ipv4-num.csv');
const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/**
 * The reference: the innermost row holding n (ranges nest, and a nested block is registered more
 * precisely), found by bisection over the plainly parsed rows' starts and an unbounded walk back.
 */
function bisect<N extends number | bigint>(rows: { start: N; end: N; country: string }[], n: N): string | undefined {
  let lo = 0, hi = rows.length - 1, last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.start > n) hi = mid - 1;
    else { last = mid; lo = mid + 1; }
  }
  for (let i = last; i >= 0; i--) if (rows[i]!.end >= n) return rows[i]!.country;
  return undefined;
}

describe('geo-ip IPv4 table', () => {
  it('answers with the innermost of nested ranges: a French Guiana block inside a French one', () => {
    // 212.222.116.0–212.222.119.255 is FR; 212.222.117.172–175 inside it is GF.
    assert.equal(countryOfIp('212.222.117.172'), 'GF');
    assert.equal(countryOfIp('212.222.117.176'), 'FR');
    assert.equal(countryOfIp('212.222.117.171'), 'FR');
  });

  it('no range holds more later lines than the lookup walks back over', () => {
    for (const file of ['geo-whois-asn-country-ipv4-num.csv', 'geo-whois-asn-country-ipv6-num.csv']) {
      const rows = readFileSync(path.join(folder, file), 'utf8').split('\n').filter(Boolean).map((l) => l.split(',').map((x, i) => (i < 2 ? BigInt(x) : 0n)));
      let widest = 0;
      const open: { at: number; end: bigint }[] = [];
      rows.forEach(([start, end], i) => {
        while (open.length > 0 && open[open.length - 1]!.end < start!) widest = Math.max(widest, i - 1 - open.pop()!.at);
        open.push({ at: i, end: end! });
      });
      for (const o of open) widest = Math.max(widest, rows.length - 1 - o.at);
      assert.ok(widest < MAX_NESTED_LINES, `${file}: a range holds ${widest} later lines`);
    }
  });

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
    // Ranges in this file nest: the reference is the innermost row, as for IPv4.
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
