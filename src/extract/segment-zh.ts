/**
 * Chinese word boundaries from @node-rs/jieba, with a dictionary of our own personal-information
 * terms (from the ontology and cue lexicons) so 手机号码, 通讯录, 设备标识符 stay whole. A term match
 * in the extractor must start and end on a boundary ("地址" is not found inside "地址簿").
 * The native module is optional: if it cannot load, boundaries() returns null and matching
 * falls back to plain substring search.
 */
import { createRequire } from 'node:module';
import { lexicon } from './lexicon.js';

interface JiebaLike { cut(sentence: string, hmm?: boolean): string[] }

let instance: JiebaLike | null | undefined;

function load(): JiebaLike | null {
  try {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): JiebaLike & { loadDict(d: Uint8Array): void } } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    const jieba = Jieba.withDict(dict);
    // High frequency so our terms win over the general dictionary's splits.
    const ours = lexicon('zh').allTerms.filter((t) => !/\s/.test(t) && /[\u4e00-\u9fff]/.test(t));
    jieba.loadDict(Buffer.from(ours.map((t) => `${t} 200000 n`).join('\n')));
    return jieba;
  } catch (err) {
    // A missing or incompatible native binary: degrade to substring matching, say so once.
    process.emitWarning(`privdiff: Chinese word segmentation unavailable (${(err as Error).message}); using substring matching`);
    return null;
  }
}

/** For tests: force the fallback path. */
export function disableSegmenter(off: boolean): void {
  instance = off ? null : undefined;
}

/** Offsets where a word starts or ends, or null when no segmenter is available. */
export function boundaries(text: string): Set<number> | null {
  if (instance === undefined) instance = load();
  if (instance === null) return null;
  const set = new Set<number>([0]);
  let at = 0;
  for (const token of instance.cut(text, true)) {
    at += token.length;
    set.add(at);
  }
  // jieba returns every character; if it ever did not, offsets would be wrong: fall back.
  return at === text.length ? set : null;
}
