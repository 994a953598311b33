/**
 * Lists the data spans of the TRAINING splits of PI-Extract and CA4P-483 that the data lexicon does
 * not read as any data type, most frequent first: the candidates for new terms in data/ontology.json.
 * Also prints span recall on both splits. Run: npx tsx scripts/mine-data-terms.ts [en|zh] [n]
 */
import { categoryOf } from '../test/extract/corpus-eval.js';
import { ca4pDataSpans, piextractSpans, readSpans, spanRecall } from '../test/extract/data-spans.js';

const [lang = 'en', n = '60'] = process.argv.slice(2);
const spansOf = lang === 'zh' ? ca4pDataSpans : piextractSpans;
for (const split of ['train', 'test'] as const) {
  const r = spanRecall(readSpans(spansOf(split), lang as 'en' | 'zh'));
  console.log(`${split}: ${r.spans} spans, read ${r.read.toFixed(3)}, as a specific type ${r.specific.toFixed(3)}${r.checkable > 0 ? `; ${r.checkable} with a known category, read as it ${r.right.toFixed(3)}` : ''}`);
}
const wrong = readSpans(spansOf('train'), lang as 'en' | 'zh').filter((r) => r.span.category && r.types.length > 0 && !r.types.some((t) => categoryOf(t) === r.span.category));
if (wrong.length > 0) console.log(`read as another category (train): ${wrong.map((r) => `${r.span.text} -> ${r.types.join('/')} (${r.span.category})`).join('; ')}`);
const counts = new Map<string, number>();
for (const r of readSpans(spansOf('train'), lang as 'en' | 'zh')) {
  if (r.types.length > 0) continue;
  const key = r.span.text.toLowerCase().replace(/\s+/g, ' ').trim();
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
for (const [text, c] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, Number(n))) console.log(`${c}\t${text}`);
