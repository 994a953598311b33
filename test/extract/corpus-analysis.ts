/**
 * Error analysis on the expert-labelled corpora: scores a split and prints sample false positives
 * and false negatives. Run: npx tsx test/extract/corpus-analysis.ts [corpus|en|zh] [collect|share] [train|dev] [n] [--rules-only]
 * (en = OPP-115, zh = CAPP-130; dev is the old name of the training half; --rules-only: without the
 * statement model, to study the rules' own misses). Only training splits: a test split's misses are
 * never read (test/fixtures/extract/SPLITS.md).
 */
import { CORPORA } from './corpus.js';
import { predictCorpus, scoreUnits, type PR } from './corpus-score.js';

const rulesOnly = process.argv.includes('--rules-only');
const [name = 'en', label = 'collect', , n = '15'] = process.argv.slice(2).filter((a) => a !== '--rules-only');
const corpus = CORPORA.find((c) => c.name === (name === 'en' ? 'OPP-115' : name === 'zh' ? 'CAPP-130' : name));
if (!corpus) { console.error(`no corpus ${name}: one of en, zh, ${CORPORA.map((c) => c.name).join(', ')}`); process.exit(2); }
const show = (x: PR) => `P ${x.precision.toFixed(3)} R ${x.recall.toFixed(3)} F1 ${x.f1.toFixed(3)}`;
const policies = corpus.load().filter((p) => p.split === 'train');
const results = predictCorpus(policies, corpus.lang, rulesOnly ? { classifier: false } : {});
const r = scoreUnits(results);
console.log(`${corpus.name} train: ${policies.length} policies, ${r.units} units; collect ${show(r.collect)}; share ${show(r.share)}`);
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
