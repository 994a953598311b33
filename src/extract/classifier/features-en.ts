/**
 * English features for the statement classifier: Porter-stemmed word unigrams and bigrams, plus the
 * ids of the extractor's own lexicon hits (data types, actions, recipients), which
 * carry what the rules know to words the training policies never used.
 */
// Deep imports: the package root loads database back-ends and prints dotenv lines to stdout.
import stemmers from 'natural/lib/natural/stemmers/index.js';
import tokenizers from 'natural/lib/natural/tokenizers/index.js';
import { normalise } from '../scan.js';
import { addLexiconHits } from './lexicon-hits.js';

const tokenizer = new tokenizers.WordTokenizer();
/** Stems are memoised: a policy repeats a small vocabulary many times. Bounded so it cannot grow without end. */
const stems = new Map<string, string>();
const STEM_CACHE = 50_000;

function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmers.PorterStemmer.stem(word);
    if (stems.size >= STEM_CACHE) stems.clear();
    stems.set(word, s);
  }
  return s;
}

export function featuresEn(text: string): string[] {
  const lower = normalise(text);
  // "don't", "won't": keep the negation as a word of its own (the tokenizer splits at the apostrophe).
  const words = tokenizer.tokenize(lower.replace(/n't\b/g, ' not').replace(/\d+/g, '0')).map(stem);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    out.add(`w:${words[i]}`);
    if (i > 0) out.add(`b:${words[i - 1]}_${words[i]}`);
  }
  addLexiconHits(lower, 'en', out);
  return [...out];
}
