/**
 * Prints every corpus's figures on its splits (the README table is written from this).
 * Run: npx tsx test/extract/corpus-report.ts [train|test ...] [--rules-only] [--corpus NAME]
 * (--rules-only: without the statement model, to study the rules' own reading).
 */
import { available, CORPORA } from './corpus.js';
import { evaluateSplit, showFigures } from './corpus-eval.js';

const args = process.argv.slice(2);
const rulesOnly = args.includes('--rules-only');
const only = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1] : undefined;
const splits = args.filter((a) => a === 'train' || a === 'test') as ('train' | 'test')[];
for (const corpus of CORPORA) {
  if (only && corpus.name !== only) continue;
  if (!available(corpus)) { console.log(`${corpus.name}: not found under ../shared/data/policies/${corpus.folder}`); continue; }
  const policies = corpus.load();
  for (const split of splits.length > 0 ? splits : (['test'] as const)) {
    const t0 = performance.now();
    console.log(`${showFigures(evaluateSplit(corpus, policies, split, rulesOnly ? { classifier: false } : {}))}  [${((performance.now() - t0) / 1000).toFixed(1)} s]`);
  }
}
