/**
 * Unit-level detection of collection and sharing statements on the expert-labelled corpora
 * (OPP-115 segments, CAPP-130 sentences), read in place from ../shared/data. Each corpus is split by
 * policy into a dev half (rules were tuned and the statement classifier trained on it) and a test half
 * (only measured); floors apply to
 * the test half and sit a little below what the extractor reaches there (see the numbers below).
 * The goal of F1 0.85 is not reached.
 */
import assert from 'node:assert/strict';
import { capp130, corpusAvailable, halfOf, opp115, type CorpusPolicy } from './corpus.js';
import { scoreCorpus, type PR } from './corpus-score.js';

const show = (x: PR) => `P ${x.precision.toFixed(3)} R ${x.recall.toFixed(3)} F1 ${x.f1.toFixed(3)}`;

// Test-half F1 reached with the statement classifier (trained on the dev halves only; its dev
// figures are in-sample, its 5-fold out-of-fold dev figures are in the model files): OPP-115 collect
// 0.738, share 0.746; CAPP-130 collect 0.718, share 0.668. Rules alone: OPP-115 0.690 / 0.692 (0.660 /
// 0.661 before issue 4 round 4); CAPP-130 0.541 / 0.565 (before issue 4: 0.417 / 0.490).
const FLOORS = { en: { collect: 0.72, share: 0.72 }, zh: { collect: 0.69, share: 0.64 } };

function run(name: string, policies: CorpusPolicy[], lang: 'en' | 'zh'): void {
  for (const half of ['dev', 'test'] as const) {
    const r = scoreCorpus(policies.filter((p) => halfOf(p.id) === half), lang);
    console.log(`      ${name} ${half} (${r.units} units): collect ${show(r.collect)}; share ${show(r.share)}`);
    if (half === 'test') {
      assert.ok(r.collect.f1 >= FLOORS[lang].collect, `collect F1 ${r.collect.f1} below the floor`);
      assert.ok(r.share.f1 >= FLOORS[lang].share, `share F1 ${r.share.f1} below the floor`);
    }
  }
}

describe('collection and sharing statements on expert-labelled policies', function () {
  before(function () { if (!corpusAvailable()) this.skip(); });

  it('OPP-115 (English segments), dev and test halves', () => run('OPP-115', opp115(), 'en'));
  it('CAPP-130 (Chinese sentences), dev and test halves', () => run('CAPP-130', capp130(), 'zh'));

  it('splits each corpus into two fixed halves by file name', () => {
    for (const policies of [opp115(), capp130()]) {
      const dev = policies.filter((p) => halfOf(p.id) === 'dev').length;
      assert.ok(dev > policies.length / 4 && dev < (policies.length * 3) / 4);
      assert.equal(halfOf(policies[0]!.id), halfOf(policies[0]!.id));
    }
  });
});
