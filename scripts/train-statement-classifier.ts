/**
 * Trains the statement classifiers (data/extract/statement-model-en.json, -zh.json) on the DEV half
 * of the expert-labelled corpora only (OPP-115 segments, CAPP-130 sentences, read in place from
 * ../shared/data), with the rules' own findings as features. Thresholds are chosen on out-of-fold
 * predictions (5 folds by policy, dev half only). Deterministic (fixed seed).
 * Run: npx tsx scripts/train-statement-classifier.ts [en|zh ...]
 */
import { writeFileSync } from 'node:fs';
import type { PolicyLanguage } from '../src/model/practice.js';
import { featuresOf } from '../src/extract/classifier/features.js';
import { emittable } from '../src/extract/classifier/judge.js';
import { predict, trainLogistic, type Example, type TrainOptions } from '../src/extract/classifier/logistic.js';
import { modelFile } from '../src/extract/classifier/model-file.js';
import { HEADS, modelPath, type Head, type Threshold } from '../src/extract/classifier/model.js';
import { unitFeatures } from '../src/extract/classifier/unit-features.js';
import { splitSentences } from '../src/extract/sentences.js';
import { capp130, corpusAvailable, halfOf, opp115 } from '../test/extract/corpus.js';
import { predictCorpus } from '../test/extract/corpus-score.js';

const OPTIONS: Record<PolicyLanguage, TrainOptions> = {
  en: { epochs: 10, rate: 0.3, l2: 1e-5, seed: 20240611, minCount: 2 },
  zh: { epochs: 10, rate: 0.3, l2: 1e-4, seed: 20240611, minCount: 3 },
};
const FOLDS = 5;
const PRUNE = 0.02;
/**
 * An add threshold is used only if at least this share of the units it adds practices to are
 * gold-positive (out of fold). A wrong addition hides a finding and a missed one makes a false
 * finding; three right in five, and many of the "wrong" ones name data a unit says is kept or
 * secured (which implies it was collected), is where additions start to help the user.
 */
const ADD_PRECISION = 0.6;
/** A drop threshold is used only if at least this share of the units it would strip are gold-negative (out of fold). */
const DROP_PRECISION = 0.9;

interface Row extends Example { policy: number; rules: boolean[]; canEmit: boolean }

function rows(lang: PolicyLanguage): Row[] {
  const policies = (lang === 'en' ? opp115() : capp130()).filter((p) => halfOf(p.id) === 'dev');
  const ruled = predictCorpus(policies, lang, { classifier: false });
  const out: Row[] = [];
  let k = 0;
  policies.forEach((policy, pi) => {
    let previous: string[] | undefined;
    for (const unit of policy.units) {
      const r = ruled[k++]!;
      const own = featuresOf(unit.text, lang);
      const sentences = splitSentences(unit.text, lang).map((text) => ({ text, evidence: { text, location: '' } }));
      out.push({ features: unitFeatures(own, previous, r.practices, lang), labels: [unit.collect, unit.share], policy: pi, rules: [r.collect, r.share], canEmit: emittable(sentences, lang) });
      previous = own;
    }
  });
  return out;
}

const f1 = (tp: number, fp: number, fn: number) => { const p = tp / Math.max(1, tp + fp), r = tp / Math.max(1, tp + fn); return { p, r, f: (2 * p * r) / Math.max(1e-9, p + r) }; };

/** Unit-level result of the combined extractor for given thresholds, simulated on out-of-fold scores. */
function simulate(data: Row[], oof: number[][], h: number, t: Threshold) {
  let tp = 0, fp = 0, fn = 0, dropped = 0, droppedRight = 0, added = 0, addedRight = 0;
  data.forEach((d, i) => {
    const p = oof[i]![h]!;
    let got = d.rules[h]!;
    if (got && p < t.drop) { got = false; dropped++; if (!d.labels[h]) droppedRight++; }
    else if (!got && p >= t.add && d.canEmit) { got = true; added++; if (d.labels[h]) addedRight++; }
    if (got && d.labels[h]) tp++; else if (got) fp++; else if (d.labels[h]) fn++;
  });
  return { ...f1(tp, fp, fn), dropped, dropPrecision: dropped === 0 ? 1 : droppedRight / dropped, addPrecision: added === 0 ? 1 : addedRight / added };
}

function train(lang: PolicyLanguage): void {
  const opts = OPTIONS[lang];
  const data = rows(lang);
  const oof: number[][] = new Array(data.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const m = trainLogistic(data.filter((d) => d.policy % FOLDS !== fold), 2, opts);
    data.forEach((d, i) => { if (d.policy % FOLDS === fold) oof[i] = predict(m, d.features); });
  }
  const thresholds = {} as Record<Head, Threshold>;
  const notes: string[] = [];
  HEADS.forEach((head, h) => {
    const rulesOnly = simulate(data, oof, h, { add: 2, drop: 0 });
    // No threshold precise enough: the classifier adds nothing for this head (1 never adds).
    let add = 1, best = -1;
    for (let a = 0.2; a <= 0.9 + 1e-9; a += 0.025) {
      const r = simulate(data, oof, h, { add: a, drop: 0 });
      if (r.addPrecision >= ADD_PRECISION && r.f > best + 1e-9) { best = r.f; add = Number(a.toFixed(3)); }
    }
    let drop = 0;
    for (const d of [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]) {
      const r = simulate(data, oof, h, { add, drop: d });
      console.log(`  ${lang} ${head} drop<${d}: F1 ${r.f.toFixed(3)}, ${r.dropped} units dropped, ${(r.dropPrecision * 100).toFixed(0)}% of them gold-negative`);
      if (r.dropPrecision >= DROP_PRECISION && r.dropped > 0) drop = d;
    }
    thresholds[head] = { add, drop };
    const r = simulate(data, oof, h, thresholds[head]);
    notes.push(`${head}: rules F1 ${rulesOnly.f.toFixed(3)} -> P ${r.p.toFixed(3)} R ${r.r.toFixed(3)} F1 ${r.f.toFixed(3)} (add >= ${add}, ${(r.addPrecision * 100).toFixed(0)}% of additions right; drop < ${drop})`);
  });
  const crossValidation = `${FOLDS}-fold by policy on the dev half, out of fold: ${notes.join('; ')}`;
  console.log(`${lang}: ${crossValidation}`);
  const model = trainLogistic(data, 2, opts);
  const file = modelFile(model, {
    language: lang, unit: lang === 'en' ? 'block' : 'sentence', thresholds, units: data.length, options: opts, crossValidation, prune: PRUNE,
    corpus: lang === 'en' ? 'OPP-115 segments, dev half (halfOf), ../shared/data/policies/en/opp115' : 'CAPP-130 sentences, dev half (halfOf), ../shared/data/policies/zh/capp130/annotations',
  });
  const text = `${JSON.stringify(file)}\n`;
  writeFileSync(modelPath(lang), text);
  console.log(`${lang}: ${Object.keys(file.weights).length} features of ${model.weights.size}, ${(text.length / 1024).toFixed(0)} KiB -> ${modelPath(lang)}`);
}

if (!corpusAvailable()) throw new Error('the shared corpora (../shared/data/policies) are not there');
const langs = process.argv.slice(2).length > 0 ? (process.argv.slice(2) as PolicyLanguage[]) : (['en', 'zh'] as PolicyLanguage[]);
for (const lang of langs) train(lang);
