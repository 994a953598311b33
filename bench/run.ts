/**
 * `npm run bench [-- --size 200MB]`: capture throughput and peak memory of privdiff against tshark on
 * the same generated capture in the same run, detection on and off, memory at two sizes, policy
 * extraction (bench/extract.ts) and end-to-end `compare` on the example. Prints a Markdown table.
 * Every measurement is its own process; peak RSS comes from /usr/bin/time -v for all of them.
 * Captures are generated into bench/out/ (gitignored) and reused when present.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSize, writeBigCapture, type CaptureProfile } from './capture-gen.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = join(root, 'bench', 'out');
const { values } = parseArgs({ options: { size: { type: 'string', default: '1GB' }, 'skip-tshark': { type: 'boolean', default: false }, startup: { type: 'boolean', default: false } } });
// `npm run bench -- --startup`: the start-up table only (bench/startup.ts; needs a build).
if (values.startup) {
  await import('./startup.js');
  process.exit(0);
}
const size = parseSize(values.size!);
const small = Math.round(size / 5);

interface Measured { seconds: number; peakRssMb: number; stdout: string }

/** Runs a command under /usr/bin/time -v: wall time and peak RSS of the process tree's largest member. */
function measure(command: string, args: string[]): Measured {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', command, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { seconds, peakRssMb: kb ? Number(kb[1]) / 1024 : NaN, stdout: r.stdout };
}

const tsx = join(root, 'node_modules', '.bin', 'tsx');
const node = (script: string, ...args: string[]) => measure(tsx, [join(root, 'bench', script), ...args]);
/** The reported time of a privdiff run is its own (after module loading), from its JSON line. */
const ownJson = (m: Measured) => JSON.parse(m.stdout.trim().split('\n').pop()!) as Record<string, number>;

async function capture(bytes: number, profile: CaptureProfile = 'dense'): Promise<string> {
  const file = join(out, profile === 'dense' ? `capture-${bytes}.pcap` : `capture-${profile}-${bytes}.pcap`);
  if (!existsSync(file) || Math.abs(statSync(file).size - bytes) > 1 << 20) {
    mkdirSync(out, { recursive: true });
    process.stderr.write(`generating ${(bytes / 2 ** 20).toFixed(0)} MiB ${profile} capture … `);
    await writeBigCapture(file, bytes, { profile });
    process.stderr.write('done\n');
  }
  return file;
}

interface Row { what: string; mb: number; seconds: number; mbps: number; rss: number; note?: string }
const rows: Row[] = [];
const mbOf = (file: string) => statSync(file).size / 2 ** 20;

function tshark(file: string, label = 'tshark (HTTP requests: host, URI)'): Row {
  const m = measure('tshark', ['-r', file, '-Y', 'http.request', '-T', 'fields', '-e', 'http.host', '-e', 'http.request.uri']);
  const requests = m.stdout.split('\n').filter(Boolean).length;
  return { what: label, mb: mbOf(file), seconds: m.seconds, mbps: mbOf(file) / m.seconds, rss: m.peakRssMb, note: `${requests} requests` };
}

function privdiff(file: string, label: string, ...flags: string[]): Row {
  const m = node('observe-run.ts', file, ...flags);
  const j = ownJson(m);
  return { what: label, mb: mbOf(file), seconds: m.seconds, mbps: mbOf(file) / m.seconds, rss: m.peakRssMb, note: `${j.flows} flows, ${j.detections} detections; ${(mbOf(file) / j.seconds!).toFixed(1)} MB/s after start-up` };
}

const big = await capture(size);
const little = await capture(small);
const mixed = await capture(size, 'mixed');
process.stderr.write('measuring (one process per row) …\n');
const base = values['skip-tshark'] ? undefined : tshark(big);
if (base) rows.push(base);
rows.push(privdiff(big, 'privdiff observe, detection off', '--no-detect'));
rows.push(privdiff(big, 'privdiff observe, detection on'));
rows.push(privdiff(big, 'privdiff observe, detection on, no worker threads', '--workers', '0'));
if (!values['skip-tshark']) rows.push(tshark(little));
rows.push(privdiff(little, 'privdiff observe, detection on'));
rows.push(privdiff(little, 'privdiff observe, all flows kept (as `privdiff observe`)', '--all'));
// The mixed profile (realistic transfer sizes, half TLS): tshark is much faster per MB on it.
if (!values['skip-tshark']) rows.push(tshark(mixed, 'tshark, mixed-profile capture'));
rows.push(privdiff(mixed, 'privdiff observe, detection on, mixed-profile capture'));
for (const file of [little, big]) {
  // compare groups flows as they stream: its memory should not follow the capture either.
  const m = node('compare-run.ts', '1', file);
  rows.push({ what: 'privdiff compare (example policy, GDPR + PIPL)', mb: mbOf(file), seconds: m.seconds, mbps: mbOf(file) / m.seconds, rss: m.peakRssMb });
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
const ratio = (row: Row) => {
  const sameProfile = (r: Row) => r.what.includes('mixed') === row.what.includes('mixed');
  const ref = rows.find((r) => r.what.startsWith('tshark') && sameProfile(r) && Math.abs(r.mb - row.mb) < 1);
  return ref && !row.what.startsWith('tshark') ? `${fmt(row.mbps / ref.mbps, 2)}× / ${fmt(row.rss / ref.rss, 2)}×` : '';
};
const lines = [
  '| run | capture MB | s | MB/s | peak RSS MB | vs tshark (speed / RSS) | notes |',
  '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.what} | ${fmt(r.mb, 0)} | ${fmt(r.seconds)} | ${fmt(r.mbps)} | ${fmt(r.rss, 0)} | ${ratio(r)} | ${r.note ?? ''} |`),
];

const extract = node('extract.ts');
const ex = /(\d+) policies, ([\d.]+) M chars, (\d+) practices in ([\d.]+) s: ([\d.]+) policies\/s/.exec(extract.stdout);
if (ex) lines.push(`| policy extraction (OPP-115 + CAPP-130, ${ex[1]} policies) | ${ex[2]} M chars | ${ex[4]} | ${ex[5]} policies/s, ${fmt((1000 * Number(ex[4])) / Number(ex[1]), 0)} ms/policy | ${fmt(extract.peakRssMb, 0)} | | ${ex[3]} practices |`);
else lines.push(`| policy extraction | | | ${extract.stdout.trim() || 'shared corpora not found'} | | | |`);
const cmp = ownJson(node('compare-run.ts', '6'));
lines.push(`| compare, example (policy.en.html + capture.pcap) | | | cold ${fmt(cmp.coldMs!, 0)} ms, warm ${fmt(cmp.warmMedianMs!, 0)} ms | ${fmt(cmp.peakRssMb!, 0)} | | in-process, median of 5 warm runs |`);

const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
const tsharkVersion = values['skip-tshark'] ? '' : execFileSync('tshark', ['--version'], { encoding: 'utf8' }).split('\n')[0];
console.log(`Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}${tsharkVersion ? `, ${tsharkVersion}` : ''}\n`);
console.log(lines.join('\n'));
