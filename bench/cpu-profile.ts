/**
 * `npm run bench -- --cpu-profile [--profiles chatty] [--size 200MB]`: where `privdiff compare`
 * spends its CPU time on a generated capture. Runs the built CLI under `node --cpu-prof` (its own
 * process, as a user runs it) and prints, per thread (the main thread, then each worker), the
 * functions with the most self time, as a Markdown table. Captures come from bench/out/ as for the
 * throughput table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSize, writeBigCapture, type CaptureProfile } from './capture-gen.js';
import { RELAUNCHED_ENV, SEMI_SPACE_FLAG } from '../src/cli/relaunch.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '200MB' },
    profiles: { type: 'string', default: 'chatty' },
    top: { type: 'string', default: '15' },
  },
  // Also run from bench/run.ts, whose options it leaves alone.
  strict: false,
});
const bytes = parseSize(String(values.size).split(',')[0]!);
const top = Number(values.top);

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Self time per function (name, file, line), largest first, with the profile's total. */
function selfTimes(profile: CpuProfile): { totalMs: number; rows: Array<{ name: string; ms: number }> } {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? ` (${url.replace(/^file:\/\//, '').replace(`${root}/`, '')}:${lineNumber + 1})` : '';
    const name = `${functionName || '(anonymous)'}${where}`;
    byName.set(name, (byName.get(name) ?? 0) + us);
  }
  return { totalMs: total / 1000, rows: [...byName].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms) };
}

for (const profile of String(values.profiles).split(',') as CaptureProfile[]) {
  const capture = join(root, 'bench', 'out', `capture-${profile}-${bytes}.pcap`);
  if (!existsSync(capture) || Math.abs(statSync(capture).size - bytes) > 1 << 20) {
    mkdirSync(join(root, 'bench', 'out'), { recursive: true });
    await writeBigCapture(capture, bytes, { profile });
  }
  const dir = mkdtempSync(join(tmpdir(), 'privdiff-cpu-'));
  try {
    // Node is started as the launcher would start it again for compare, so one process is profiled.
    const args = [SEMI_SPACE_FLAG, '--cpu-prof', '--cpu-prof-dir', dir, join(root, 'bin', 'privdiff.js'), 'compare', join(root, 'examples', 'policy.en.html'), capture, '--format', 'json', '-o', join(dir, 'report.json'), '--fail-on', 'none', '--quiet'];
    const run = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, [RELAUNCHED_ENV]: '1' }, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`compare failed (${run.status}): ${run.stderr.slice(-1000)}`);
    // Profiles are named CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: the main thread is 0.
    const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort((a, b) => Number(a.split('.')[4]) - Number(b.split('.')[4]));
    for (const [n, file] of files.entries()) {
      const { totalMs, rows } = selfTimes(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
      const busy = rows.filter((r) => r.name !== '(idle)' && r.name !== '(program)');
      if (busy.reduce((s, r) => s + r.ms, 0) < 0.05 * totalMs) continue; // an idle helper thread
      console.log(`\n${profile}, ${(bytes / 2 ** 20).toFixed(0)} MiB, ${n === 0 ? 'main thread' : `worker thread ${n}`}: ${(totalMs / 1000).toFixed(1)} s profiled\n`);
      console.log('| self time | share | function |');
      console.log('| ---: | ---: | --- |');
      for (const r of rows.slice(0, top)) console.log(`| ${(r.ms / 1000).toFixed(2)} s | ${((100 * r.ms) / totalMs).toFixed(1)} % | ${r.name.replace(/\|/g, '\\|')} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
