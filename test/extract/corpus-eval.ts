/**
 * The figures of one corpus split: unit-level precision/recall/F1 of collection and sharing; for
 * CA4P-483 also precision over the units its annotators tagged; for OPP-115 and MAPP the per-policy
 * (action, data category) pairs.
 */
import { ontology } from '../../src/vocab/ontology.js';
import { kindsOf } from '../../src/extract/classifier/unit-features.js';
import type { ExtractOptions } from '../../src/extract/policy.js';
import type { Corpus, CorpusPolicy, Pair, Split } from './corpus.js';
import { predictCorpus, scoreUnits, type PR, type UnitResult } from './corpus-score.js';

/** Ontology data types → the OPP-scheme category they fall in (nearest listed ancestor wins). */
const TYPE_CATEGORY: Record<string, string> = {
  personal_info: 'generic', device_id: 'device_ids', online_id: 'device_ids', cookie_id: 'cookies', account_id: 'user_profile', credentials: 'user_profile',
  contact_info: 'contact', location: 'location', device_info: 'computer', financial: 'financial', health: 'health', biometric: 'health',
  usage_data: 'online_activities', national_id: 'personal_identifier',
};

export function categoryOf(dataType: string): string | undefined {
  for (const t of ontology().dataTypeLineage(dataType)) if (TYPE_CATEGORY[t]) return TYPE_CATEGORY[t];
  return undefined;
}

export interface SplitFigures {
  corpus: string; split: Split; policies: number; units: number;
  collect: PR; share: PR;
  /** CA4P-483: precision over the units annotators tagged (recall stays over all units). */
  taggedPrecision?: { collect: number; share: number };
  /** OPP-115, MAPP: per-policy (action, data category) pairs. */
  pairs?: { collect: PR; share: PR };
}

const pr = (tp: number, fp: number, fn: number): PR => {
  const precision = tp / Math.max(1, tp + fp), recall = tp / Math.max(1, tp + fn);
  return { precision, recall, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall) };
};

/** Pairs the extractor reads in a whole policy: positive practices, kinds as the corpora label them. */
export function predictedPairs(results: UnitResult[], schemeCategories: Set<string>): Set<Pair> {
  const out = new Set<Pair>();
  for (const r of results) for (const p of r.practices) {
    if (p.negated) continue;
    const category = categoryOf(p.dataType);
    if (!category || !schemeCategories.has(category)) continue;
    const k = kindsOf(p, 'en');
    if (k.collect) out.add(`collect:${category}`);
    if (k.share) out.add(`share:${category}`);
  }
  return out;
}

export function evaluateSplit(corpus: Corpus, policies: CorpusPolicy[], split: Split, options: ExtractOptions = {}): SplitFigures {
  const chosen = policies.filter((p) => p.split === split);
  const results = predictCorpus(chosen, corpus.lang, options, corpus.kinds);
  const s = scoreUnits(results);
  const out: SplitFigures = { corpus: corpus.name, split, policies: chosen.length, units: s.units, collect: s.collect, share: s.share };
  if (results.some((r) => r.unit.tagged)) {
    const tagged = results.filter((r) => r.unit.tagged);
    const precisionOf = (k: 'collect' | 'share') => { const got = tagged.filter((r) => r[k]); return got.filter((r) => r.unit[k]).length / Math.max(1, got.length); };
    out.taggedPrecision = { collect: precisionOf('collect'), share: precisionOf('share') };
  }
  if (chosen.some((p) => p.pairs)) {
    // MAPP has no User profile category: a pair of it could never be right there.
    const scheme = new Set(Object.values(TYPE_CATEGORY).filter((c) => corpus.name !== 'MAPP' || c !== 'user_profile'));
    const t = { collect: [0, 0, 0], share: [0, 0, 0] };
    for (const policy of chosen) {
      const got = predictedPairs(results.filter((r) => r.policy === policy.id), scheme);
      const gold = new Set([...policy.pairs ?? []].filter((p) => scheme.has(p.split(':')[1]!)));
      for (const k of ['collect', 'share'] as const) {
        for (const p of got) if (p.startsWith(`${k}:`)) t[k][gold.has(p) ? 0 : 1]!++;
        for (const p of gold) if (p.startsWith(`${k}:`) && !got.has(p)) t[k][2]!++;
      }
    }
    out.pairs = { collect: pr(t.collect[0]!, t.collect[1]!, t.collect[2]!), share: pr(t.share[0]!, t.share[1]!, t.share[2]!) };
  }
  return out;
}

const f = (x: number) => x.toFixed(3);
export const showPR = (x: PR) => `P ${f(x.precision)} R ${f(x.recall)} F1 ${f(x.f1)}`;

export function showFigures(r: SplitFigures): string {
  let line = `${r.corpus} ${r.split} (${r.policies} policies, ${r.units} units): collect ${showPR(r.collect)}; share ${showPR(r.share)}`;
  if (r.taggedPrecision) line += `; precision over tagged units: collect ${f(r.taggedPrecision.collect)}, share ${f(r.taggedPrecision.share)}`;
  if (r.pairs) line += `\n    per-policy pairs: collect ${showPR(r.pairs.collect)}; share ${showPR(r.pairs.share)}`;
  return line;
}
