/**
 * Chinese features for the statement classifier: character bigrams of the simplified,
 * lower-cased text (no segmenter needed, robust to unseen compounds), ASCII words (SDK, IMEI), and the
 * ids of the extractor's own lexicon hits (data types, actions, recipients).
 */
import { lexicon } from '../lexicon.js';
import { findTable } from '../match.js';
import { normalise } from '../scan.js';

export function featuresZh(text: string): string[] {
  const norm = normalise(text);
  const lower = norm.replace(/\s+/g, '').replace(/\d+/g, '0');
  const out = new Set<string>();
  for (let i = 0; i + 1 < lower.length; i++) {
    out.add(`c:${lower.slice(i, i + 2)}`);
  }
  for (const w of lower.match(/[a-z][a-z0-9]+/g) ?? []) out.add(`w:${w}`);
  const lex = lexicon('zh');
  for (const m of findTable(norm, lex.dataTypes, 'zh')) out.add(`d:${m.id}`);
  for (const m of findTable(norm, lex.actions, 'zh')) out.add(`a:${m.id}`);
  for (const m of findTable(norm, lex.recipients, 'zh')) out.add(`r:${m.id}`);
  return [...out];
}
