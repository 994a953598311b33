/**
 * Chinese features for the statement classifier: character bigrams of the simplified,
 * lower-cased text (no segmenter needed, robust to unseen compounds), ASCII words (SDK, IMEI), and the
 * ids of the extractor's own lexicon hits (data types, actions, recipients).
 */
import { normalise } from '../scan.js';
import { addLexiconHits } from './lexicon-hits.js';

export function featuresZh(text: string): string[] {
  const norm = normalise(text);
  const lower = norm.replace(/\s+/g, '').replace(/\d+/g, '0');
  const out = new Set<string>();
  for (let i = 0; i + 1 < lower.length; i++) {
    out.add(`c:${lower.slice(i, i + 2)}`);
  }
  for (const w of lower.match(/[a-z][a-z0-9]+/g) ?? []) out.add(`w:${w}`);
  addLexiconHits(norm, 'zh', out);
  return [...out];
}
