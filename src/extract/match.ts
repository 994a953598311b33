/**
 * Phrase matching over one sentence: compiled alternations (longest first) with boundaries that
 * suit the language — word boundaries for English, ASCII-run boundaries inside Chinese text.
 */
import type { PolicyLanguage } from '../model/practice.js';
import type { PhraseTable } from './lexicon.js';
import { escapeRegExp } from '../escape-regexp.js';

export interface Mention {
  id: string;
  term: string;
  start: number;
  end: number;
}

const compiled = new WeakMap<object, Map<PolicyLanguage, RegExp>>();

function alternative(term: string, lang: PolicyLanguage): string {
  // English words need word boundaries on both ends; in Chinese only ASCII ends do (IMEI, OAID, SDK).
  const word = lang === 'en' ? /[a-z0-9]/ : /[a-z0-9]/;
  const head = word.test(term[0] ?? '') ? '(?<![a-z0-9])' : '';
  const tail = word.test(term[term.length - 1] ?? '') ? '(?![a-z0-9])' : '';
  return `${head}${escapeRegExp(term)}${tail}`;
}

export function phraseRegex(terms: Iterable<string>, lang: PolicyLanguage): RegExp {
  const sorted = [...new Set(terms)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return /(?!)/g;
  return new RegExp(sorted.map((t) => alternative(t.toLowerCase(), lang)).join('|'), 'g');
}

function regexFor(key: object, terms: () => Iterable<string>, lang: PolicyLanguage): RegExp {
  let byLang = compiled.get(key);
  if (!byLang) compiled.set(key, (byLang = new Map()));
  let re = byLang.get(lang);
  if (!re) byLang.set(lang, (re = phraseRegex(terms(), lang)));
  return re;
}

/** Non-overlapping mentions of a phrase table's terms in lower-cased text. */
export function findTable(lower: string, table: PhraseTable, lang: PolicyLanguage): Mention[] {
  const re = regexFor(table, () => table.keys(), lang);
  return scan(lower, re, (term) => table.get(term) ?? term);
}

/** Non-overlapping mentions of a cue list (id = the cue itself). */
export function findCues(lower: string, cues: string[], lang: PolicyLanguage): Mention[] {
  const re = regexFor(cues, () => cues, lang);
  return scan(lower, re, (term) => term);
}

function scan(lower: string, re: RegExp, idOf: (term: string) => string): Mention[] {
  const out: Mention[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    out.push({ id: idOf(m[0]), term: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
