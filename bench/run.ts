/**
 * `npm run bench [-- --size 200MB,1GB] [--profiles dense,mixed,chatty] [--skip-tshark]`: what users
 * run, against tshark on the same generated capture in the same run. For each capture profile and
 * size: tshark listing the HTTP requests, privdiff's streaming path (bench/observe-run.ts),
 * `privdiff observe -o FILE` and `privdiff compare … -o FILE` as a user runs them (the built CLI),
 * then a capture of 1 million never-closing connections, policy extraction (bench/extract.ts) and
 * `compare` on the example. Every measurement is its own process; wall time and peak RSS come from
 * /usr/bin/time -v. Captures are generated into bench/out/ (gitignored) and reused. Prints Markdown.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { SEMI_SPACE_FLAG } from '../src/cli/relaunch.js';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSize, writeBigCapture, writeOpenConnectionsCapture, type CaptureProfile } from './capture-gen.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = join(root, 'bench', 'out');
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '200MB,1GB' },
    profiles: { type: 'string', default: 'dense,mixed,chatty' },
    'open-connections': { type: 'string', default: '1000000' },
    'skip-tshark': { type: 'boolean', default: false },
    startup: { type: 'boolean', default: false },
    'flow-cost': { type: 'boolean', default: false },
    'cpu-profile': { type: 'boolean', default: false },
    top: { type: 'string' },
    // With --flow-cost: another checkout whose src/ is measured the same way.
    root: { type: 'string' },
  },
});
// `npm run bench -- --flow-cost [--size 50MB] [--root DIR]`: CPU per flow by stage (bench/flow-cost.ts).
if (values['flow-cost']) {
  await import('./flow-cost.js');
  process.exit(0);
}
// `npm run bench -- --cpu-profile [--profiles chatty] [--size 200MB]`: compare's CPU profile, top entries (bench/cpu-profile.ts).
// Every row below runs the built CLI: build it from the current src/ first, so no row measures a stale dist/.
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (values['cpu-profile']) {
  await import('./cpu-profile.js');
  process.exit(0);
}
// `npm run bench -- --startup`: the start-up table only (bench/startup.ts; needs a build).
if (values.startup) {
  await import('./startup.js');
  process.exit(0);
}
const sizes = values.size!.split(',').map(parseSize);
const profiles = values.profiles!.split(',') as CaptureProfile[];

interface Measured { seconds: number; cpuSeconds: number; peakRssMb: number; stdout: string }

/** Runs a command under /usr/bin/time -v: wall time, CPU time and peak RSS. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Measured {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', command, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  return { seconds, cpuSeconds: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'), peakRssMb: field('Maximum resident set size \\(kbytes\\)') / 1024, stdout: r.stdout };
}

const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'bin', 'privdiff.js');
// Bench scripts run with the young generation the CLI gives the commands that read captures.
const script = (name: string, ...args: string[]) => measure(tsx, [join(root, 'bench', name), ...args], { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${SEMI_SPACE_FLAG}`.trim() });
const lastJson = (m: Measured) => JSON.parse(m.stdout.trim().split('\n').pop()!) as Record<string, number>;
const mbOf = (file: string) => statSync(file).size / 2 ** 20;

async function capture(bytes: number, profile: CaptureProfile): Promise<string> {
  const file = join(out, `capture-${profile}-${bytes}.pcap`);
  if (!existsSync(file) || Math.abs(statSync(file).size - bytes) > 1 << 20) {
    mkdirSync(out, { recursive: true });
    process.stderr.write(`generating ${(bytes / 2 ** 20).toFixed(0)} MiB ${profile} capture … `);
    await writeBigCapture(file, bytes, { profile });
    process.stderr.write('done\n');
  }
  return file;
}

interface Row { profile: string; what: string; mb: number; m: Measured; requests?: number; note?: string }
const rows: Row[] = [];

function tsharkRow(profile: string, file: string): Row {
  const m = measure('tshark', ['-r', file, '-Y', 'http.request', '-T', 'fields', '-e', 'http.host', '-e', 'http.request.uri']);
  return { profile, what: 'tshark -Y http.request (host, URI)', mb: mbOf(file), m, requests: m.stdout.split('\n').filter(Boolean).length };
}

function streamingRow(profile: string, file: string): Row {
  const m = script('observe-run.ts', file);
  const j = lastJson(m);
  return { profile, what: 'streaming observe (bench/observe-run.ts)', mb: mbOf(file), m, requests: j.requests, note: `${j.flows} flows, ${j.detections} detections; ${j.seconds!.toFixed(1)} s after start-up (tsx)` };
}

function observeFileRow(profile: string, file: string): Row {
  const target = join(out, 'observe-out.json');
  const m = measure(process.execPath, [cli, 'observe', file, '-o', target]);
  const size = existsSync(target) ? statSync(target).size / 2 ** 20 : NaN;
  rmSync(target, { force: true });
  return { profile, what: '`privdiff observe CAPTURE -o FILE`', mb: mbOf(file), m, note: `${size.toFixed(0)} MB written` };
}

function compareRow(profile: string, file: string): Row {
  const target = join(out, 'compare-out.json');
  const m = measure(process.execPath, [cli, 'compare', join(root, 'examples', 'policy.en.html'), file, '--format', 'json', '-o', target, '--fail-on', 'none', '-q']);
  const report = JSON.parse(readFileSync(target, 'utf8')) as { summary: { findings: number; flows: number } };
  rmSync(target, { force: true });
  return { profile, what: '`privdiff compare POLICY CAPTURE --format json -o FILE`', mb: mbOf(file), m, note: `${report.summary.flows} flows, ${report.summary.findings} findings` };
}

for (const size of sizes) {
  for (const profile of profiles) {
    const file = await capture(size, profile);
    process.stderr.write(`measuring ${profile} ${(size / 2 ** 20).toFixed(0)} MiB (one process per row) …\n`);
    if (!values['skip-tshark']) rows.push(tsharkRow(profile, file));
    rows.push(streamingRow(profile, file), observeFileRow(profile, file), compareRow(profile, file));
  }
}

const openCount = Number(values['open-connections']);
if (openCount > 0) {
  const file = join(out, `capture-open-${openCount}.pcap`);
  if (!existsSync(file)) await writeOpenConnectionsCapture(file, openCount);
  process.stderr.write(`measuring ${openCount} never-closing connections …\n`);
  if (!values['skip-tshark']) rows.push(tsharkRow('open connections', file));
  rows.push(streamingRow('open connections', file));
}

const fmt = (n: number | undefined, d = 1) => (n !== undefined && Number.isFinite(n) ? n.toFixed(d) : '–');
/** Speed and RSS against tshark on the same file, and whether the request counts agree. */
function versus(row: Row): string {
  const ref = rows.find((r) => r.what.startsWith('tshark') && r.profile === row.profile && Math.abs(r.mb - row.mb) < 1);
  if (!ref || row === ref) return '';
  return `${fmt(ref.m.seconds / row.m.seconds, 2)}× / ${fmt(row.m.peakRssMb / ref.m.peakRssMb, 2)}×`;
}
function requestsCell(row: Row): string {
  if (row.requests === undefined) return '';
  const ref = rows.find((r) => r.what.startsWith('tshark') && r.profile === row.profile && Math.abs(r.mb - row.mb) < 1);
  return ref && ref !== row ? `${row.requests}${row.requests === ref.requests ? ' (=)' : ` (tshark ${ref.requests})`}` : String(row.requests);
}
const lines = [
  '| profile | run | capture MB | s | CPU s | MB/s | peak RSS MB | vs tshark (speed / RSS) | HTTP requests | notes |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.profile} | ${r.what} | ${fmt(r.mb, 0)} | ${fmt(r.m.seconds)} | ${fmt(r.m.cpuSeconds)} | ${fmt(r.mb / r.m.seconds)} | ${fmt(r.m.peakRssMb, 0)} | ${versus(r)} | ${requestsCell(r)} | ${r.note ?? ''} |`),
];
// compare against the streaming path on the same capture: what the report itself costs.
for (const r of rows.filter((x) => x.what.includes('compare'))) {
  const s = rows.find((x) => x.profile === r.profile && x.mb === r.mb && x.what.startsWith('streaming'));
  if (s) lines.push(`| ${r.profile} | compare / streaming time, ${fmt(r.mb, 0)} MB | | ${fmt(r.m.seconds / s.m.seconds, 2)}× | | | | | | |`);
}

const extract = script('extract.ts');
const ex = /(\d+) policies, ([\d.]+) M chars, (\d+) practices in ([\d.]+) s: ([\d.]+) policies\/s/.exec(extract.stdout);
if (ex) lines.push(`| policies | extraction (OPP-115 + CAPP-130, ${ex[1]} policies) | | ${ex[4]} | ${fmt(extract.cpuSeconds)} | ${ex[5]} policies/s | ${fmt(extract.peakRssMb, 0)} | | | ${ex[3]} practices |`);
else lines.push(`| policies | extraction | | | | ${extract.stdout.trim() || 'shared corpora not found'} | | | | |`);
const cmp = lastJson(script('compare-run.ts', '6'));
lines.push(`| example | compare (policy.en.html + capture.pcap), in-process | | cold ${fmt(cmp.coldMs!, 0)} ms, warm ${fmt(cmp.warmMedianMs!, 0)} ms | | | ${fmt(cmp.peakRssMb!, 0)} | | | median of 5 warm runs |`);

const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
const tsharkVersion = values['skip-tshark'] ? '' : execFileSync('tshark', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}${tsharkVersion ? `, ${tsharkVersion}` : ''}; load average at the end ${load}\n`);
console.log(lines.join('\n'));
