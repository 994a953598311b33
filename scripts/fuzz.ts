/**
 * Longer fuzz campaigns by hand, coverage-guided by default (V8 block coverage through the inspector):
 *   npx tsx scripts/fuzz.ts [target,...|all] [--seconds 60] [--iterations N] [--seed N] [--no-coverage] [--save] [--repo-seeds-only]
 * Seeds include the real captures of ../shared/data when present (--repo-seeds-only: as CI does).
 * Targets run two at a time (one per core). Every failure is printed; with --save each input is
 * written to bench/out/fuzz/<target>/<kind>-<hash>.bin (gitignored). To keep one as a regression,
 * copy it to test/fixtures/fuzz/<target>/ — only when it does not derive from third-party seeds in
 * ../shared/data (rebuild those from our own seeds, or commit a {seed, iteration, sha1} recipe of a
 * --no-coverage run, which fuzz/replay.ts rebuilds in place).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCampaign, type CampaignResult } from '../test/robustness/fuzz/campaign.js';
import { repoRoot, targets } from '../test/robustness/fuzz/targets.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '60' },
    iterations: { type: 'string', default: '100000000' },
    seed: { type: 'string', default: String(Date.now() % 1e9) },
    'no-coverage': { type: 'boolean', default: false },
    save: { type: 'boolean', default: false },
    parallel: { type: 'string', default: '2' },
    'repo-seeds-only': { type: 'boolean', default: false },
  },
});

const names = !positionals[0] || positionals[0] === 'all' ? targets.map((t) => t.name) : positionals[0].split(',');
const queue = [...names];
const results: CampaignResult[] = [];
const seed = Number(values.seed);
console.error(`fuzz: ${names.join(', ')}; seed ${seed}; ${values.seconds} s each; coverage ${values['no-coverage'] ? 'off' : 'on'}`);

async function lane(): Promise<void> {
  for (let name = queue.shift(); name; name = queue.shift()) {
    const r = await runCampaign(name, { iterations: Number(values.iterations), seconds: Number(values.seconds), seed, coverage: !values['no-coverage'], sharedSeeds: !values['repo-seeds-only'] });
    results.push(r);
    for (const f of r.failures) {
      const hash = createHash('sha1').update(f.input).digest('hex').slice(0, 12);
      console.log(`\n[${name}] ${f.kind} at iteration ${f.iteration} (${f.input.length} bytes, ${hash}; seed ${seed})\n${f.message.split('\n').slice(0, 8).join('\n')}`);
      if (!values['no-coverage']) console.log('  (coverage mode: rerun with --save to keep the input)');
      else console.log(`  recipe: {"seed": ${seed}, "iteration": ${f.iteration}, "sha1": "${createHash('sha1').update(f.input).digest('hex')}"}`);
      if (values.save) {
        const dir = join(repoRoot, 'bench', 'out', 'fuzz', name);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `${f.kind}-${hash}.bin`), f.input);
      }
    }
    console.error(`${name}: ${r.iterations} inputs in ${(r.ms / 1000).toFixed(1)} s (${Math.round((r.iterations * 1000) / r.ms)}/s), ${r.outputs} records, ${r.inputErrors} InputErrors, corpus +${r.corpus}, ${r.features} coverage features, ${r.failures.length} failures`);
    for (const detail of r.unplaced) console.error(`  InputError without a position: ${detail}`);
  }
}

await Promise.all(Array.from({ length: Number(values.parallel) }, lane));
const failed = results.reduce((n, r) => n + r.failures.length, 0);
console.error(`\n${failed} failure(s) in ${results.length} target(s)`);
process.exitCode = failed > 0 ? 1 : 0;
