/** Unit-level precision/recall of "states a collection" and "states a sharing" against gold labels. */
import type { PolicyDocument } from '../../src/load/document.js';
import { extractPolicy } from '../../src/extract/index.js';
import type { CorpusPolicy } from './corpus.js';

export interface PR { precision: number; recall: number; f1: number }
const pr = (tp: number, fp: number, fn: number): PR => {
  const precision = tp / Math.max(1, tp + fp), recall = tp / Math.max(1, tp + fn);
  return { precision, recall, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall) };
};

export function scoreCorpus(policies: CorpusPolicy[], lang: 'en' | 'zh'): { collect: PR; share: PR; units: number } {
  const c = [0, 0, 0], s = [0, 0, 0];
  let units = 0;
  for (const policy of policies) {
    const doc: PolicyDocument = {
      source: policy.id, format: 'text', language: lang,
      blocks: policy.units.map((u, i) => ({ kind: 'paragraph' as const, text: u.text, section: [], location: `¶${i}` })),
    };
    const x = extractPolicy(doc);
    const byUnit = new Map<string, Set<string>>();
    for (const p of x.practices) {
      if (p.negated) continue;
      const set = byUnit.get(p.evidence.location) ?? new Set();
      // OPP-115 labels collection and use together; CAPP-130's 数据收集 is collection only. First-party vs third-party sharing or third-party collection (OPP-115 / CAPP-130 sense).
      if (p.actor === 'first_party' && (p.action === 'collect' || (lang === 'en' && (p.action === 'use' || p.action === 'retain')))) set.add('collect');
      if (p.action === 'share' || p.action === 'sell' || p.action === 'transfer_abroad' || p.actor !== 'first_party') set.add('share');
      byUnit.set(p.evidence.location, set);
    }
    policy.units.forEach((u, i) => {
      units++;
      const got = byUnit.get(`¶${i}`) ?? new Set();
      tally(c, got.has('collect'), u.collect);
      tally(s, got.has('share'), u.share);
    });
  }
  return { collect: pr(c[0]!, c[1]!, c[2]!), share: pr(s[0]!, s[1]!, s[2]!), units };
}

function tally(t: number[], got: boolean, want: boolean): void {
  if (got && want) t[0]!++;
  else if (got) t[1]!++;
  else if (want) t[2]!++;
}
