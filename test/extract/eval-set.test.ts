/**
 * Precision and recall of (actor, action, dataType, negated) tuples on our hand-labelled sentence
 * sets: every test/fixtures/extract/eval-<lang>*.jsonl file (eval-zh-2.jsonl is a held-out set
 * written by someone who did not tune the extractor). Actor is the organisation id when one is named.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extractFromSentence } from '../../src/extract/index.js';

interface Item { text: string; expected: [string, string, string, boolean][] }
interface Score { sentences: number; tp: number; fp: number; fn: number; misses: string[] }

const folder = new URL('../fixtures/extract/', import.meta.url);

export function evalFiles(lang: 'en' | 'zh'): string[] {
  return readdirSync(folder).filter((f) => new RegExp(`^eval-${lang}(?:-[\\w-]+)?\\.jsonl$`).test(f)).sort();
}

export function scoreFile(file: string, lang: 'en' | 'zh'): Score {
  const lines = readFileSync(new URL(file, folder), 'utf8').split('\n').filter((l) => l.trim());
  const s: Score = { sentences: lines.length, tp: 0, fp: 0, fn: 0, misses: [] };
  for (const line of lines) {
    const item = JSON.parse(line) as Item;
    const got = new Set(extractFromSentence(item.text, lang, '§1 ¶1').map((p) => [p.organization ?? p.actor, p.action, p.dataType, p.negated].join('|')));
    const want = new Set(item.expected.map((t) => t.join('|')));
    for (const g of got) if (want.has(g)) s.tp++; else { s.fp++; s.misses.push(`FP ${g} :: ${item.text}`); }
    for (const w of want) if (!got.has(w)) { s.fn++; s.misses.push(`FN ${w} :: ${item.text}`); }
  }
  return s;
}

export function scoreSet(lang: 'en' | 'zh') {
  const files = evalFiles(lang).map((f) => ({ file: f, ...scoreFile(f, lang) }));
  const sum = (k: 'sentences' | 'tp' | 'fp' | 'fn') => files.reduce((n, f) => n + f[k], 0);
  const tp = sum('tp');
  return { files, sentences: sum('sentences'), precision: tp / (tp + sum('fp')), recall: tp / (tp + sum('fn')), misses: files.flatMap((f) => f.misses) };
}

/**
 * Floors per file. The sets the extractor was developed against keep 0.85. The held-out set is
 * not tuned on: it gets a regression floor a little below what it measures (P 0.639 R 0.554 after
 * issue 4, P 0.623 R 0.544 before), which is the honest figure for unseen Chinese sentences.
 */
const FLOORS: Record<string, { precision: number; recall: number }> = {
  'eval-zh-2.jsonl': { precision: 0.6, recall: 0.52 },
};
const DEFAULT_FLOOR = { precision: 0.85, recall: 0.85 };

for (const lang of ['en', 'zh'] as const) {
  describe(`extraction tuples on the ${lang} evaluation sets`, () => {
    it('keeps precision and recall at or above each file\'s floor (0.85 unless held out)', () => {
      const r = scoreSet(lang);
      for (const f of r.files) console.log(`      ${f.file}: ${f.sentences} sentences, precision ${(f.tp / (f.tp + f.fp)).toFixed(3)}, recall ${(f.tp / (f.tp + f.fn)).toFixed(3)}`);
      console.log(`      ${lang} overall: ${r.sentences} sentences, precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}`);
      if (process.env.PRIVDIFF_SHOW_MISSES) console.log(r.misses.join('\n'));
      assert.ok(r.files.length >= 1 && r.sentences >= 90);
      for (const f of r.files) {
        const floor = FLOORS[f.file] ?? DEFAULT_FLOOR;
        assert.ok(f.tp / (f.tp + f.fp) >= floor.precision, `${f.file} precision ${f.tp / (f.tp + f.fp)}`);
        assert.ok(f.tp / (f.tp + f.fn) >= floor.recall, `${f.file} recall ${f.tp / (f.tp + f.fn)}`);
      }
    });
  });
}
