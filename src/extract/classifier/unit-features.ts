/**
 * A unit's full feature list: its own text features, a light copy of the previous unit's (context:
 * a list item under "We share it with:"), and what the rules found in it (the classifier learns when
 * to trust them).
 */
import type { PolicyLanguage, Practice } from '../../model/practice.js';

/**
 * Which statement kinds a practice is, as the corpora label them: OPP-115's first-party label covers
 * collection and use, CAPP-130's 数据收集 collection only (使用 is its own label); sharing and
 * third-party collection are "sharing/collection" in both.
 */
export function kindsOf(p: Practice, lang: PolicyLanguage): { collect: boolean; share: boolean } {
  const first = p.actor === 'first_party';
  return {
    collect: first && (p.action === 'collect' || (lang === 'en' && p.action === 'use')),
    share: p.action === 'share' || p.action === 'sell' || p.action === 'transfer_abroad' || !first,
  };
}

export function ruleFeatures(ruled: Practice[], lang: PolicyLanguage): string[] {
  const out = new Set<string>();
  for (const p of ruled) {
    const k = kindsOf(p, lang);
    const neg = p.negated ? '-neg' : '';
    if (k.collect) out.add(`x:collect${neg}`);
    if (k.share) out.add(`x:share${neg}`);
    out.add(`x:${p.action}`);
    if (p.actor !== 'first_party') out.add('x:third');
  }
  return [...out];
}

/** Context keeps the cheap, general features only (words, character pairs, lexicon ids): no word bigrams. */
export function contextFeatures(own: string[]): string[] {
  return own.filter((f) => !f.startsWith('b:') && !(f.startsWith('c:') && f.length > 4)).map((f) => `p${f}`);
}

export function unitFeatures(own: string[], previous: string[] | undefined, ruled: Practice[], lang: PolicyLanguage): string[] {
  return [...own, ...(previous ? contextFeatures(previous) : []), ...ruleFeatures(ruled, lang)];
}
