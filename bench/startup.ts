/**
 * `npm run bench:startup` (or `npm run bench -- --startup`): how long short commands take from
 * process start to exit, against the goals (`--version` and `rules list` under 150 ms, `observe` of
 * the 4 KB example pcap under 400 ms). Each command runs as its own process from the built CLI
 * (bin/privdiff.js → dist/), a few times to warm the disk cache and then `--runs` times; the table
 * gives the median wall time and the median CPU time (user + system). On a shared machine the wall
 * time follows the load; CPU time much less so, and it is the figure to compare across runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '2' },
    // Another built checkout to measure the same way (a before/after comparison).
    root: { type: 'string' },
    startup: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);

interface Case { label: string; args: string[]; goalMs?: number }

const target = values.root ? resolve(values.root) : root;
const cli = join(target, 'bin', 'privdiff.js');
const example = (f: string) => join(root, 'examples', f);
const cases: Case[] = [
  { label: 'node -e 0 (Node.js itself)', args: ['-e', '0'] },
  { label: 'privdiff --version', args: [cli, '--version'], goalMs: 150 },
  { label: 'privdiff --help', args: [cli, '--help'] },
  { label: 'privdiff rules list', args: [cli, 'rules', 'list'], goalMs: 150 },
  { label: 'privdiff observe examples/capture.pcap (4 KB)', args: [cli, 'observe', example('capture.pcap')], goalMs: 400 },
  { label: 'privdiff extract examples/policy.en.html', args: [cli, 'extract', example('policy.en.html')] },
  { label: 'privdiff compare (the example, md to stdout)', args: [cli, 'compare', example('policy.en.html'), example('capture.pcap'), '--region', 'EU', '--fail-on', 'none'] },
];

interface Sample { wallMs: number; cpuMs: number }

/** One run under /usr/bin/time: wall time measured here, CPU time (user + system) as time reports it. */
function once(args: string[]): Sample {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], { cwd: target, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const wallMs = performance.now() - start;
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  return { wallMs, cpuMs: (Number(m[1]) + Number(m[2])) * 1000 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function main(): void {
  if (!existsSync(join(target, 'dist', 'cli', 'main.js'))) throw new Error(`${target}/dist is missing: run \`npm run build\` there first`);
  if (statSync(join(target, 'dist', 'cli', 'main.js')).mtimeMs < statSync(join(target, 'src', 'cli', 'main.ts')).mtimeMs) {
    process.stderr.write('warning: dist/ is older than src/: run `npm run build` for current figures\n');
  }
  const load = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ');
  const rows: string[] = [];
  for (const c of cases) {
    for (let i = 0; i < warmup; i++) once(c.args);
    const samples = Array.from({ length: runs }, () => once(c.args));
    const wall = median(samples.map((s) => s.wallMs));
    const cpu = median(samples.map((s) => s.cpuMs));
    const goal = c.goalMs === undefined ? '' : `< ${c.goalMs}`;
    rows.push(`| ${c.label} | ${goal} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} |`);
    process.stderr.write(`${c.label}: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU\n`);
  }
  process.stdout.write([
    `Start-up of ${target === root ? 'this checkout' : target}, median of ${runs} runs after ${warmup} warm-up runs; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${load}`,
    '',
    '| command | goal ms | wall ms | CPU ms |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n'));
}

main();
