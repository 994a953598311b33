/**
 * Error analysis on the expert-labelled corpora: scores per half and prints sample false positives
 * and false negatives. Run: npx tsx test/extract/corpus-analysis.ts [en|zh] [collect|share] [dev|test] [n] [--rules-only]
 * (--rules-only: without the statement classifier, to study the rules' own misses).
 */
import { capp130, halfOf, opp115 } from './corpus.js';
import { predictCorpus, scoreUnits, type PR } from './corpus-score.js';

const rulesOnly = process.argv.includes('--rules-only');
const [lang = 'en', label = 'collect', half = 'dev', n = '15'] = process.argv.slice(2).filter((a) => a !== '--rules-only') as ['en' | 'zh', 'collect' | 'share', 'dev' | 'test', string];
const show = (x: PR) => `P ${x.precision.toFixed(3)} R ${x.recall.toFixed(3)} F1 ${x.f1.toFixed(3)}`;
const corpus = (lang === 'en' ? opp115() : capp130()).filter((p) => halfOf(p.id) === half);
const results = predictCorpus(corpus, lang, rulesOnly ? { classifier: false } : {});
const r = scoreUnits(results);
console.log(`${lang} ${half}: ${corpus.length} policies, ${r.units} units; collect ${show(r.collect)}; share ${show(r.share)}`);
const k = label as 'collect' | 'share';
const fp = results.filter((x) => x[k] && !x.unit[k]);
const fn = results.filter((x) => !x[k] && x.unit[k]);
// A fixed stride through the errors, so samples spread over policies and stay reproducible.
const sample = <T>(xs: T[]) => xs.filter((_, i) => i % Math.max(1, Math.floor(xs.length / Number(n))) === 0).slice(0, Number(n));
console.log(`\n=== ${fp.length} false positives (${k})`);
for (const x of sample(fp)) {
  const why = x.practices.map((p) => `${p.organization ?? p.actor}/${p.action}/${p.dataType}${p.negated ? '/neg' : ''}`).join(' ');
  console.log(`- [${x.policy}#${x.index}] ${x.unit.text.slice(0, 300)}\n    → ${why}`);
}
console.log(`\n=== ${fn.length} false negatives (${k})`);
for (const x of sample(fn)) {
  const why = x.practices.map((p) => `${p.organization ?? p.actor}/${p.action}/${p.dataType}${p.negated ? '/neg' : ''}`).join(' ');
  console.log(`- [${x.policy}#${x.index}] ${x.unit.text.slice(0, 300)}${why ? `\n    → ${why}` : ''}`);
}
