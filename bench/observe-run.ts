/**
 * One measured observe run, meant to be its own process (peak RSS is the process's):
 *   npx tsx bench/observe-run.ts FILE [--no-detect] [--all] [--workers N] [--reassembly-workers N]
 * Default: the streaming path of observeCaptures() (every flow scanned for personal data, in
 * detection workers unless --workers 0, and resolved to its recipient, then dropped). --all keeps
 * every flow for the report, as `privdiff observe` does. --reassembly-workers N reads TCP
 * connections in N worker threads (0: on the main thread). Prints one JSON line.
 */
import { statSync } from 'node:fs';
import { observeCaptures } from '../src/observe/index.js';

const file = process.argv[2];
if (!file) throw new Error('usage: observe-run.ts FILE [--no-detect] [--all] [--workers N] [--reassembly-workers N]');
const detect = !process.argv.includes('--no-detect');
const identifiers = { imei: '861234567890127', email_address: 'jane.doe@example.org', phone_number: '+4915112345678' };
const destinations = { firstPartyDomains: ['nimbusmsg.com'] };
const start = performance.now();
let flows = 0;
let requests = 0;
let detections = 0;
const workersAt = process.argv.indexOf('--workers');
const workers = workersAt > 0 ? { detectionWorkers: Number(process.argv[workersAt + 1]) } : {};
const keepAll = process.argv.includes('--all');
const shardsAt = process.argv.indexOf('--reassembly-workers');
const shards = shardsAt > 0 ? { reassemblyWorkers: Number(process.argv[shardsAt + 1]) } : {};
const result = await observeCaptures([file], {
  identifiers, destinations, detect, ...workers, ...shards,
  keep: (flow) => {
    flows++;
    if (flow.protocol === 'http' && flow.method) requests++;
    detections += flow.detections.length;
    return keepAll;
  },
});
if (result.errors.length > 0) throw result.errors[0];
const seconds = (performance.now() - start) / 1000;
const bytes = statSync(file).size;
const cpu = process.cpuUsage();
console.log(JSON.stringify({ file, bytes, reassemblyWorkers: shards.reassemblyWorkers ?? 'default', flows, requests, detections, seconds, mbPerS: bytes / 2 ** 20 / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
