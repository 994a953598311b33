/**
 * Precision and recall of (actor, action, dataType, negated) tuples on our hand-labelled sentence
 * sets (test/fixtures/extract/eval-<lang>*.jsonl). Actor is the organisation id when one is named.
 *
 * Development sets (eval-en, eval-en-2, eval-zh, eval-zh-2: the extractor's rules were tuned on them)
 * must reach 0.85 each and pooled per language. eval-en-2 was written as a held-out set and became a
 * development set in issue 4 (its misses were studied: P/R 0.759/0.532 before, 0.993/0.958 after). Held-out sets (see HELD-OUT.md: never read their misses,
 * never tune on them) get a regression floor a little below what they measure, which is the honest
 * figure for unseen sentences.
 */
import assert from 'node:assert/strict';
import { pooled, scoreSet } from './eval-score.js';

/**
 * Held-out files and their regression floors (measured on 2026-11-25: en-3 P 0.746 R 0.409 on 200
 * sentences before the English rules of issue 4 were generalised on eval-en-2, P 0.758 R 0.554
 * after; zh-3 P 0.788 R 0.689).
 */
const HELD_OUT: Record<string, { precision: number; recall: number }> = {
  'eval-en-3.jsonl': { precision: 0.72, recall: 0.5 },
  'eval-zh-3.jsonl': { precision: 0.76, recall: 0.66 },
};
const FLOOR = 0.85;

const show = (name: string, s: { sentences: number; precision: number; recall: number }) =>
  console.log(`      ${name}: ${s.sentences} sentences, precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`);

for (const lang of ['en', 'zh'] as const) {
  describe(`extraction tuples on the ${lang} evaluation sets`, () => {
    let development: ReturnType<typeof scoreSet>['files'] = [];
    let heldOut: typeof development = [];
    before(() => {
      const r = scoreSet(lang);
      development = r.files.filter((f) => !(f.file in HELD_OUT));
      heldOut = r.files.filter((f) => f.file in HELD_OUT);
    });

    it(`keeps every development set and their pool at or above ${FLOOR}`, () => {
      for (const f of development) show(f.file, pooled([f]));
      const dev = pooled(development);
      show(`${lang} development pool`, dev);
      if (process.env.PRIVDIFF_SHOW_MISSES) console.log(development.flatMap((f) => f.misses).join('\n'));
      assert.ok(development.length >= 1 && dev.sentences >= 90);
      for (const f of development) {
        const p = pooled([f]);
        assert.ok(p.precision >= FLOOR, `${f.file} precision ${p.precision}`);
        assert.ok(p.recall >= FLOOR, `${f.file} recall ${p.recall}`);
      }
      assert.ok(dev.precision >= FLOOR, `${lang} development precision ${dev.precision}`);
      assert.ok(dev.recall >= FLOOR, `${lang} development recall ${dev.recall}`);
    });

    it('keeps each held-out set at or above its regression floor', function () {
      if (heldOut.length === 0) this.skip();
      // Scores only: a held-out set's misses are not printed, so nobody tunes on them by accident.
      for (const f of heldOut) {
        const p = pooled([f]);
        show(`${f.file} (held out)`, p);
        assert.ok(p.precision >= HELD_OUT[f.file]!.precision, `${f.file} precision ${p.precision}`);
        assert.ok(p.recall >= HELD_OUT[f.file]!.recall, `${f.file} recall ${p.recall}`);
      }
    });
  });
}
