/**
 * One measured observe run, meant to be its own process (peak RSS is the process's):
 *   npx tsx bench/observe-run.ts FILE [--no-detect] [--all]
 * Default: the streaming path (each capture read by its reader, every flow scanned for personal data
 * and resolved to its recipient, then dropped). --all: the library's observeCaptures(), which keeps
 * every flow for the report, as `privdiff observe` and `compare` do. Prints one JSON line.
 */
import { statSync } from 'node:fs';
import { readerFor } from '../src/observe/readers.js';
import { detectFlow } from '../src/observe/detect/index.js';
import { resolveRecipient } from '../src/observe/destination/resolve.js';
import { observeCaptures } from '../src/observe/index.js';

const file = process.argv[2];
if (!file) throw new Error('usage: observe-run.ts FILE [--no-detect] [--all]');
const detect = !process.argv.includes('--no-detect');
const identifiers = { imei: '861234567890127', email_address: 'jane.doe@example.org', phone_number: '+4915112345678' };
const destinations = { firstPartyDomains: ['nimbusmsg.com'] };
const start = performance.now();
let flows = 0;
let detections = 0;
if (process.argv.includes('--all')) {
  const result = await observeCaptures([file], { identifiers, destinations, detect });
  flows = result.flows.length;
  for (const f of result.flows) detections += f.detections.length;
} else {
  const reader = await readerFor(file);
  const noDns = new Map<string, string[]>();
  for await (const raw of reader.read(file, { source: file, warn: () => {} })) {
    if (detect) detections += detectFlow(raw, identifiers).length;
    resolveRecipient(raw, destinations, noDns);
    flows++;
  }
}
const seconds = (performance.now() - start) / 1000;
const bytes = statSync(file).size;
console.log(JSON.stringify({ file, bytes, flows, detections, seconds, mbPerS: bytes / 2 ** 20 / seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
