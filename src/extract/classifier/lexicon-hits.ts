/**
 * The extractor's own lexicon hits as classifier features, the same in both languages: data types
 * (d:), actions (a:) and recipients (r:) found in the normalised text. They carry what the rules know
 * to words the training policies never used.
 */
import type { PolicyLanguage } from '../../model/practice.js';
import { lexicon } from '../lexicon.js';
import { findTable } from '../match.js';

export function addLexiconHits(normalised: string, lang: PolicyLanguage, out: Set<string>): void {
  const lex = lexicon(lang);
  for (const m of findTable(normalised, lex.dataTypes, lang)) out.add(`d:${m.id}`);
  for (const m of findTable(normalised, lex.actions, lang)) out.add(`a:${m.id}`);
  for (const m of findTable(normalised, lex.recipients, lang)) out.add(`r:${m.id}`);
}
