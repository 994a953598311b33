/**
 * Bounded fuzzing in CI: every parser gets a fixed number of deterministic mutations of its seeds
 * (seed 1, so a failure reproduces by iteration number: see fuzz/replay.ts). Each input must yield
 * records or throw InputError with a position; any other exception, a hang (no progress for 10 s) or running out of
 * heap fails the test with the input's size and iteration. Targets run two at a time in workers.
 * Seeds are the repository's own (fixtures and generated files), never ../shared/data: the suite
 * fuzzes the same inputs in any clone.
 */
import assert from 'node:assert/strict';
import { runCampaign, type CampaignResult } from './fuzz/campaign.js';
import { targets } from './fuzz/targets.js';

// Chosen so the whole suite takes about 20 s on a 2-core machine (capture readers are slow per input: file + reader setup).
const ITERATIONS: Record<string, number> = {
  pcap: 600, pcapng: 600, har: 400, mitmproxy: 400, jsonl: 600,
  http: 20_000, dns: 20_000, tls: 20_000, html: 500, pdf: 400,
};

describe('fuzzing every parser (bounded, deterministic)', function () {
  // Generous: on a machine shared with other jobs the campaigns run several times slower.
  this.timeout(900_000);
  const results = new Map<string, CampaignResult>();

  before(async () => {
    const queue = targets.map((t) => t.name);
    const lane = async () => {
      for (let name = queue.shift(); name; name = queue.shift()) {
        results.set(name, await runCampaign(name, { iterations: ITERATIONS[name] ?? 500, seed: 1, hangMs: 10_000 }));
      }
    };
    await Promise.all([lane(), lane()]);
  });

  for (const target of targets) {
    it(`${target.name}: ${ITERATIONS[target.name] ?? 500} mutations, only records or InputError`, () => {
      const r = results.get(target.name);
      assert.ok(r, 'campaign ran');
      const report = r.failures.map((f) => `${f.kind} at iteration ${f.iteration} (${f.input.length} bytes): ${f.message.split('\n').slice(0, 3).join(' | ')}`);
      assert.deepEqual(report, []);
      // Every input ran, and the seeds themselves parse: mutations are near-valid, not noise.
      assert.equal(r.iterations, (ITERATIONS[target.name] ?? 500) + target.seeds(false).length);
      assert.ok(r.outputs > 0, 'some inputs produced records');
      // Errors name where in the file they are (pdf.js reports no offsets: PDF errors are the exception).
      if (target.name !== 'pdf') assert.deepEqual(r.unplaced, [], 'InputErrors without a position');
    });
  }
});
