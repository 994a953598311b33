/**
 * `npm run bench -- --flow-cost` (or `tsx bench/flow-cost.ts [--size 50MB] [--root DIR]`): CPU cost
 * per flow, split by stage, on one thread, for each capture profile:
 *   - reading: packets → flows (pcap records, IP, TCP reassembly, HTTP/TLS/DNS parsing, body
 *     decoding, flow records) and resolving each flow's recipient — observeCaptures with detection
 *     off and no worker threads;
 *   - detection: detectFlow over those flows, once each in capture order (as the stream sees them),
 *     after a warm-up pass with the value memos emptied after it, in all and by kind of flow.
 * `--root DIR` measures another checkout's src/ the same way (a before/after comparison: the
 * captures are this checkout's, generated into bench/out/). Prints Markdown.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSize, writeBigCapture, type CaptureProfile } from './capture-gen.js';

const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '50MB' },
    profiles: { type: 'string', default: 'dense,mixed,chatty' },
    root: { type: 'string' },
  },
  // Also run from bench/run.ts, whose options it leaves alone.
  strict: false,
});
const root = typeof values.root === 'string' ? resolve(values.root) : here;
const bytes = parseSize(String(values.size));

interface ObserveModule {
  observeCaptures(files: string[], options: Record<string, unknown>): Promise<{ flows: Array<Record<string, unknown> & { protocol: string; requestBody?: { bytes: Uint8Array } }>; flowCount: number }>;
}
interface DetectModule { detectFlow(flow: unknown, known?: unknown): unknown[] }

const { observeCaptures } = (await import(pathToFileURL(join(root, 'src', 'observe', 'index.ts')).href)) as ObserveModule;
const { detectFlow } = (await import(pathToFileURL(join(root, 'src', 'observe', 'detect', 'index.ts')).href)) as DetectModule;
const { clearFieldMemo } = (await import(pathToFileURL(join(root, 'src', 'observe', 'detect', 'field-memo.ts')).href)) as { clearFieldMemo(): void };
// Older checkouts have no opaque-value memo to clear.
const { clearOpaqueValues } = (await import(pathToFileURL(join(root, 'src', 'observe', 'detect', 'unwrap.ts')).href)) as { clearOpaqueValues?(): void };

const identifiers = { imei: '861234567890127', email_address: 'jane.doe@example.org', phone_number: '+4915112345678' };
const destinations = { firstPartyDomains: ['nimbusmsg.com'] };

async function capture(profile: CaptureProfile): Promise<string> {
  const file = join(here, 'bench', 'out', `capture-${profile}-${bytes}.pcap`);
  if (!existsSync(file) || Math.abs(statSync(file).size - bytes) > 1 << 20) {
    mkdirSync(join(here, 'bench', 'out'), { recursive: true });
    await writeBigCapture(file, bytes, { profile });
  }
  return file;
}

type Kind = 'http with body' | 'http' | 'tls' | 'dns' | 'other';
const kindOf = (flow: { protocol: string; requestBody?: unknown }): Kind =>
  flow.protocol === 'http' ? (flow.requestBody ? 'http with body' : 'http') : flow.protocol === 'tls' || flow.protocol === 'dns' ? flow.protocol : 'other';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

console.log(`| profile | flows | reading µs/flow | detection µs/flow | detection by kind (µs/flow × flows) |`);
console.log(`| --- | ---: | ---: | ---: | --- |`);
for (const profile of String(values.profiles).split(',') as CaptureProfile[]) {
  const file = await capture(profile);
  // Reading alone, streaming (no flow kept), once to warm up (JIT, lazy modules), then measured.
  await observeCaptures([file], { destinations, detect: false, detectionWorkers: 0, keep: () => false });
  let start = cpuMs();
  const streamed = await observeCaptures([file], { destinations, detect: false, detectionWorkers: 0, keep: () => false });
  const readingUs = ((cpuMs() - start) * 1000) / streamed.flowCount;
  // The flows with their bodies, for detection (not measured).
  const read = await observeCaptures([file], { destinations, detect: false, detectionWorkers: 0, keepBodies: true });
  // Warm-up (JIT, data files loaded on first use), then the value memos are emptied: the measured
  // pass meets every value for the first time, as a stream does.
  for (const flow of read.flows) detectFlow(flow, identifiers);
  clearFieldMemo();
  clearOpaqueValues?.();
  const byKind = new Map<Kind, { flows: number; ms: number }>();
  start = cpuMs();
  for (const flow of read.flows) {
    const t = performance.now();
    detectFlow(flow, identifiers);
    const k = kindOf(flow);
    const entry = byKind.get(k) ?? { flows: 0, ms: 0 };
    entry.flows++;
    entry.ms += performance.now() - t;
    byKind.set(k, entry);
  }
  const detectionUs = ((cpuMs() - start) * 1000) / read.flowCount;
  const kinds = [...byKind].map(([k, e]) => `${k} ${((e.ms * 1000) / e.flows).toFixed(1)} × ${e.flows}`).join('; ');
  console.log(`| ${profile} | ${read.flowCount} | ${readingUs.toFixed(1)} | ${detectionUs.toFixed(1)} | ${kinds} |`);
}
