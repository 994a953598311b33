/** Unit-level precision/recall of "states a collection" and "states a sharing" against gold labels. */
import type { PolicyDocument } from '../../src/load/document.js';
import { extractPolicy } from '../../src/extract/index.js';
import type { ExtractOptions } from '../../src/extract/policy.js';
import type { Practice } from '../../src/model/practice.js';
import type { CorpusPolicy, Unit } from './corpus.js';
import { kindsOf } from '../../src/extract/classifier/unit-features.js';

export interface PR { precision: number; recall: number; f1: number }
export interface UnitResult { policy: string; index: number; unit: Unit; collect: boolean; share: boolean; practices: Practice[] }

const pr = (tp: number, fp: number, fn: number): PR => {
  const precision = tp / Math.max(1, tp + fp), recall = tp / Math.max(1, tp + fn);
  return { precision, recall, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall) };
};

/**
 * Which corpus labels a practice supports: kindsOf() of the classifier, which learns these labels.
 * Both schemes label negative statements too (OPP-115's "Does Not" attribute; CAPP-130 labels
 * "我们不会收集…" as 数据收集), so negated practices count.
 */
export function predictCorpus(policies: CorpusPolicy[], lang: 'en' | 'zh', options: ExtractOptions = {}, kinds: (p: Practice) => { collect: boolean; share: boolean } = (p) => kindsOf(p, lang)): UnitResult[] {
  const out: UnitResult[] = [];
  for (const policy of policies) {
    const doc: PolicyDocument = {
      source: policy.id, format: 'text', language: lang,
      blocks: policy.units.map((u, i) => ({ kind: 'paragraph' as const, text: u.text, section: [], location: `¶${i}` })),
    };
    const byUnit = new Map<string, Practice[]>();
    for (const p of extractPolicy(doc, options).practices) {
      const list = byUnit.get(p.evidence.location) ?? [];
      list.push(p);
      byUnit.set(p.evidence.location, list);
    }
    policy.units.forEach((unit, index) => {
      const practices = byUnit.get(`¶${index}`) ?? [];
      const ls = practices.map(kinds);
      out.push({ policy: policy.id, index, unit, practices, collect: ls.some((l) => l.collect), share: ls.some((l) => l.share) });
    });
  }
  return out;
}

export function scoreUnits(results: UnitResult[]): { collect: PR; share: PR; units: number } {
  const c = [0, 0, 0], s = [0, 0, 0];
  for (const r of results) {
    tally(c, r.collect, r.unit.collect);
    tally(s, r.share, r.unit.share);
  }
  return { collect: pr(c[0]!, c[1]!, c[2]!), share: pr(s[0]!, s[1]!, s[2]!), units: results.length };
}

export function scoreCorpus(policies: CorpusPolicy[], lang: 'en' | 'zh', options: ExtractOptions = {}): { collect: PR; share: PR; units: number } {
  return scoreUnits(predictCorpus(policies, lang, options));
}

function tally(t: number[], got: boolean, want: boolean): void {
  if (got && want) t[0]!++;
  else if (got) t[1]!++;
  else if (want) t[2]!++;
}
