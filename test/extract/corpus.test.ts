/**
 * Unit-level detection of collection and sharing statements on the expert-labelled corpora
 * (OPP-115 segments, CAPP-130 sentences), read in place from ../shared/data. Each corpus is split by
 * policy into a dev half (rules were tuned and the statement classifier trained on it) and a test half
 * (only measured); floors apply to
 * the test half and sit a little below what the extractor reaches there (see the numbers below).
 * The goal of F1 0.85 is not reached.
 */
import assert from 'node:assert/strict';
import { capp130, corpusAvailable, corpusFolders, halfOf, opp115, type CorpusPolicy } from './corpus.js';
import { scoreCorpus, type PR } from './corpus-score.js';
import { skipUnlessPresent } from '../helpers/shared-data.js';

const show = (x: PR) => `P ${x.precision.toFixed(3)} R ${x.recall.toFixed(3)} F1 ${x.f1.toFixed(3)}`;

// Test-half F1 (session 2, after the English and Chinese rule work and the classifier retrained on
// them; the classifier adds practices only at thresholds where at least 60% of its out-of-fold
// additions were right): OPP-115 collect 0.730, share 0.752; CAPP-130 collect 0.704, share 0.686.
// Rules alone: OPP-115 0.686 / 0.722, CAPP-130 0.578 / 0.603. Before this session, rules alone:
// OPP-115 0.690 / 0.692, CAPP-130 0.541 / 0.565 (before issue 4: 0.417 / 0.490 on CAPP-130).
// Honest dev figures (5-fold by policy, out of fold, in the model files): OPP-115 0.821 / 0.775,
// CAPP-130 0.753 / 0.731.
const FLOORS = { en: { collect: 0.70, share: 0.74 }, zh: { collect: 0.68, share: 0.66 } };

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
  before(function () { skipUnlessPresent(this, ...corpusFolders); });

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
