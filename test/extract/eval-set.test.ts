/**
 * Precision and recall of (actor, action, dataType, negated) tuples on our hand-labelled sentence
 * sets (test/fixtures/extract/eval-*.jsonl). Actor is the organisation id when one is named.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractFromSentence } from '../../src/extract/index.js';

interface Item { text: string; expected: [string, string, string, boolean][] }

export function scoreSet(lang: 'en' | 'zh') {
  const lines = readFileSync(new URL(`../fixtures/extract/eval-${lang}.jsonl`, import.meta.url), 'utf8').split('\n').filter(Boolean);
  let tp = 0, fp = 0, fn = 0;
  const misses: string[] = [];
  for (const line of lines) {
    const item = JSON.parse(line) as Item;
    const got = new Set(extractFromSentence(item.text, lang, '§1 ¶1').map((p) => [p.organization ?? p.actor, p.action, p.dataType, p.negated].join('|')));
    const want = new Set(item.expected.map((t) => t.join('|')));
    for (const g of got) if (want.has(g)) tp++; else { fp++; misses.push(`FP ${g} :: ${item.text}`); }
    for (const w of want) if (!got.has(w)) { fn++; misses.push(`FN ${w} :: ${item.text}`); }
  }
  return { sentences: lines.length, precision: tp / (tp + fp), recall: tp / (tp + fn), misses };
}

for (const lang of ['en', 'zh'] as const) {
  describe(`extraction tuples on the ${lang} evaluation set`, () => {
    it('keeps precision and recall at or above 0.85', () => {
      const r = scoreSet(lang);
      console.log(`      ${lang}: ${r.sentences} sentences, precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}`);
      if (process.env.PRIVDIFF_SHOW_MISSES) console.log(r.misses.join('\n'));
      assert.ok(r.sentences >= 90);
      assert.ok(r.precision >= 0.85, `precision ${r.precision}`);
      assert.ok(r.recall >= 0.85, `recall ${r.recall}`);
    });
  });
}
