/**
 * End-to-end `privdiff compare` on the example (policy + capture + identifiers), in-process so the
 * time is privdiff's, not the TypeScript loader's: the first (cold) run and the median of the next.
 *   npx tsx bench/compare-run.ts [runs] [CAPTURE]      → one JSON line
 * With CAPTURE, the example policy is compared with that capture instead (one run is enough there).
 */
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 6);
const capture = process.argv[3] ?? `${root}examples/capture.pcap`;
const argv = [
  'compare', `${root}examples/policy.en.html`, capture, '--identifiers', `${root}examples/identifiers.json`,
  '--region', 'EU', '--jurisdiction', 'gdpr,pipl', '--format', 'json', '--fail-on', 'none', '--quiet',
];
const silent = { stdout: () => {}, stderr: () => {} };
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const code = await main(argv, silent);
  times.push(performance.now() - start);
  if (code !== 0) throw new Error(`compare exited ${code}`);
}
const warm = times.slice(1).sort((a, b) => a - b);
console.log(JSON.stringify({ coldMs: times[0], warmMedianMs: warm[Math.floor(warm.length / 2)] ?? times[0], runs, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
