/**
 * `npx tsx bench/study.ts [--apps 200]`: a generated study (bench/study-gen.ts) run three ways in one
 * go, so the ratios compare like with like on a shared machine: embedded with 1 worker process,
 * embedded with 2, and BullMQ with 2 `privdiff worker` processes (one app each at a time) on a
 * local redis-server. Reports apps/min, peak RSS of the coordinator and of the workers, and the
 * database size per app. Runs the built package (dist/, rebuilt first) so workers are plain Node.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startRedis } from '../test/helpers/redis-server.js';
import { writeStudy } from './study-gen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench', 'out');
const { values } = parseArgs({ options: { apps: { type: 'string', default: '200' } } });
const apps = Number(values.apps);

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const dist = (p: string) => path.join(root, 'dist', p);
const { runStudy } = await import(dist('study/runner.js')) as typeof import('../src/study/runner.js');
const { EmbeddedQueue } = await import(dist('study/embedded-queue.js')) as typeof import('../src/study/embedded-queue.js');
const { parseRedisTarget } = await import(dist('study/redis-target.js')) as typeof import('../src/study/redis-target.js');

const study = await writeStudy(path.join(out, 'study'), { apps, sharedPolicies: true });
process.stderr.write(`${study.manifest}: ${study.apps} apps, ${study.policies} policy variants, ${study.captures} capture files\n`);

/** Resident set size of processes and their direct children, MiB (/proc; Linux). A process gone meanwhile counts 0. */
function treeRssMb(pids: number[]): number {
  const read = (file: string) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } };
  const children = pids.flatMap((pid) => read(`/proc/${pid}/task/${pid}/children`).split(' ').map(Number).filter(Boolean));
  return [...pids, ...children].reduce((sum, pid) => sum + Number(read(`/proc/${pid}/statm`).split(' ')[1] ?? 0) * 4096, 0) / 2 ** 20;
}

interface Row { mode: string; workers: number; seconds: number; perMinute: number; done: number; failed: number; coordinatorMb: number; workerMb: number; dbKbPerApp: number }

async function measure(mode: string, workers: number, run: (dir: string, sampleWorkers: () => number) => Promise<{ done: number; failed: number }>, workerRss: () => number): Promise<Row> {
  const dir = path.join(out, `study-${mode}-${workers}`);
  rmSync(dir, { recursive: true, force: true });
  let coordinatorMb = 0;
  let workerMb = 0;
  const sampler = setInterval(() => {
    coordinatorMb = Math.max(coordinatorMb, process.memoryUsage().rss / 2 ** 20);
    workerMb = Math.max(workerMb, workerRss());
  }, 500);
  const started = performance.now();
  const result = await run(dir, workerRss);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const db = statSync(path.join(dir, 'study.sqlite')).size;
  const row = { mode, workers, seconds, perMinute: (result.done / seconds) * 60, ...result, coordinatorMb, workerMb: workerMb / workers, dbKbPerApp: db / 1024 / apps };
  process.stderr.write(`${mode} ×${workers}: ${row.perMinute.toFixed(1)} apps/min (${seconds.toFixed(0)} s, ${result.done} done, ${result.failed} failed)\n`);
  return row;
}

const quiet = { log: () => {} };
const rows: Row[] = [];
for (const workers of [1, 2]) {
  const queue = new EmbeddedQueue({ workers, timeoutMs: 600_000, memoryMb: 2048 });
  rows.push(await measure('embedded', workers, async (dir) => {
    const s = await runStudy({ source: study.manifest, out: dir, limits: { workers, timeoutMs: 600_000, memoryMb: 2048 }, queue, ...quiet });
    return { done: s.done, failed: s.failed.length };
  }, () => queue.pool.pids().length === 0 ? 0 : treeRssMb(queue.pool.pids())));
  await queue.close();
}

const redis = await startRedis();
if (!redis) throw new Error('redis-server is not installed (apt-get install redis-server)');
const workerProcesses: ChildProcess[] = [];
try {
  for (let i = 0; i < 2; i++) {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'privdiff.js'), 'worker', '--queue', redis.url, '-j', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve) => child.stderr!.on('data', (d: Buffer) => { if (d.toString().includes('ready on')) resolve(); }));
    child.stderr!.resume();
    workerProcesses.push(child);
  }
  const pids = workerProcesses.map((w) => w.pid as number);
  rows.push(await measure('bullmq', 2, async (dir) => {
    const s = await runStudy({ source: study.manifest, out: dir, redis: parseRedisTarget(redis.url), limits: { workers: 2, timeoutMs: 600_000, memoryMb: 2048 }, ...quiet });
    return { done: s.done, failed: s.failed.length };
  }, () => treeRssMb(pids)));
} finally {
  for (const w of workerProcesses) w.kill('SIGTERM');
  await Promise.all(workerProcesses.map((w) => new Promise((r) => w.once('exit', r))));
  await redis.stop();
}

const [one, two, bull] = rows as [Row, Row, Row];
const lines = [
  `Study benchmark: ${apps} generated apps (${study.policies} policy variants, ${study.captures} capture files), ${cpus().length} cores, load average at the end ${loadavg()[0]!.toFixed(1)}; privdiff ${JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version}`,
  '',
  '| run | apps/min | wall time | done / failed | coordinator peak RSS | peak RSS per worker | DB per app |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.mode}, ${r.workers} worker${r.workers > 1 ? 's' : ''} | ${r.perMinute.toFixed(1)} | ${r.seconds.toFixed(0)} s | ${r.done} / ${r.failed} | ${r.coordinatorMb.toFixed(0)} MB | ${r.workerMb.toFixed(0)} MB | ${r.dbKbPerApp.toFixed(1)} KB |`),
  '',
  `Scaling 1 → 2 embedded workers: ${(two.perMinute / one.perMinute).toFixed(2)}× (goal ≥ 1.8×). BullMQ vs embedded, 2 workers each: ${((bull.perMinute / two.perMinute - 1) * 100).toFixed(1)} % (goal within ±10 %).`,
];
console.log(lines.join('\n'));
writeFileSync(path.join(out, 'study-bench.md'), `${lines.join('\n')}\n`);
