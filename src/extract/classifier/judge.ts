/**
 * Applies the statement classifier to the units of one policy, in document order. Where it is confident
 * a unit states a collection (or sharing) the rules missed, practices are made from the data terms
 * the unit actually names (a generic "information" gives personal_info; no data term, nothing). Where
 * it is very confident the rules' practices of a kind are wrong, they are dropped (only below the
 * model's drop threshold, 0 = never): a wrongly dropped practice would surface as a false
 * "undisclosed" finding, so that threshold is set low.
 */
import type { Evidence, PolicyLanguage, Practice } from '../../model/practice.js';
import { scanSentence } from '../scan.js';
import { featuresOf } from './features.js';
import { HEADS, score, type Head, type StatementModel } from './model.js';
import { kindsOf, unitFeatures } from './unit-features.js';

export interface UnitSentence { text: string; evidence: Evidence }
export interface Judgement { scores: Record<Head, number>; add: Practice[]; drop: Practice[] }

export class StatementJudge {
  /** The previous unit: its text, and its features once computed (kept lazily: most units are never scored). */
  private previous: { text: string; features?: string[] } | undefined;

  constructor(readonly model: StatementModel) {}

  get lang(): PolicyLanguage { return this.model.language; }

  /** A unit that is not classified (a heading, a table row) is still the next unit's context. */
  passOver(text: string): void {
    this.previous = { text };
  }

  private previousFeatures(): string[] | undefined {
    const p = this.previous;
    if (p && !p.features) p.features = featuresOf(p.text, this.lang);
    return p?.features;
  }

  judge(text: string, sentences: UnitSentence[], ruled: Practice[]): Judgement {
    const own = featuresOf(text, this.lang);
    const scores = score(this.model, unitFeatures(own, this.previousFeatures(), ruled, this.lang));
    this.previous = { text, features: own };
    const add: Practice[] = [];
    const drop: Practice[] = [];
    for (const head of HEADS) {
      const { add: addAt, drop: dropBelow } = this.model.thresholds[head];
      const ruledOfKind = ruled.filter((p) => kindsOf(p, this.lang)[head]);
      if (ruledOfKind.length === 0 && addAt < 1 && scores[head] >= addAt) {
        // Data the rules read as a third party's in this unit is not also read as our own collection:
        // "The X SDK collects the IMEI" must not disclose that the app itself collects the IMEI.
        const theirs = new Set(head === 'collect' ? ruled.filter((p) => p.actor !== 'first_party').map((p) => p.dataType) : []);
        add.push(...practicesFromTerms(head, sentences, this.model).filter((p) => !theirs.has(p.dataType)));
      }
      else if (ruledOfKind.length > 0 && scores[head] < dropBelow) drop.push(...ruledOfKind);
    }
    return { scores, add, drop };
  }
}

/**
 * Practices of one kind from the sentence of the unit that names data and scores highest. A sentence
 * with a negation cue is left alone: the rules read negation, a guess at its scope could turn
 * "we do not share" into a disclosure.
 */
/** Whether a unit has a sentence practices could be made from: one naming data, without a negation cue. */
export function emittable(sentences: UnitSentence[], lang: PolicyLanguage): boolean {
  return sentences.some((s) => usable(scanSentence(s.text, lang)));
}

// Mentions with no term are stand-ins the rules insert ("拒绝提供" → the data just described).
const usable = (scan: ReturnType<typeof scanSentence>) => scan.data.some((m) => m.term !== '') && scan.negations.length === 0;

export function practicesFromTerms(head: Head, sentences: UnitSentence[], model: StatementModel): Practice[] {
  const lang = model.language;
  let best: { s: UnitSentence; scan: ReturnType<typeof scanSentence>; p: number } | undefined;
  for (const s of sentences) {
    const scan = scanSentence(s.text, lang);
    if (!usable(scan)) continue;
    const p = sentences.length === 1 ? 1 : score(model, featuresOf(s.text, lang))[head];
    if (!best || p > best.p) best = { s, scan, p };
  }
  if (!best) return [];
  const types = [...new Set(best.scan.data.filter((m) => m.term !== '').map((m) => m.id))];
  const base = { actor: 'first_party', negated: false, evidence: best.s.evidence, basis: 'classifier' as const };
  if (head === 'collect') return types.map((dataType) => ({ ...base, action: 'collect' as const, dataType }));
  const org = best.scan.orgs[0];
  const recipient = org ? org.id : best.scan.recipients[0]?.id ?? 'third_party';
  return types.map((dataType) => ({ ...base, action: 'share' as const, recipient, dataType }));
}
