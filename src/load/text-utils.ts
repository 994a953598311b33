/** Small text helpers shared by every loader. */

/** Han ideographs (CJK Unified + Extension A + compatibility). */
export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const HAN_G = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;
/** Han characters and full-width CJK punctuation: no space belongs between two of these. */
const CJK_CLASS = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65\\u2018-\\u201f\\u2026';
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK_CLASS}])\\s+(?=[${CJK_CLASS}])`, 'gu');

export function countHan(text: string): number {
  return text.match(HAN_G)?.length ?? 0;
}

/**
 * Collapse whitespace (tabs and line breaks included) to single spaces, and drop spaces between two CJK
 * characters: PDF text and HTML source put them there, a reader of Chinese does not see them.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\u00ad\u200b-\u200d\ufeff]/gu, '')
    .replace(/[\s\u00a0]+/gu, ' ')
    .replace(SPACE_BETWEEN_CJK, '$1')
    .trim();
}

/** Sentence-final punctuation (both scripts); a line ending in one may end a paragraph. */
export const TERMINAL = /(?:[.!?。！？；;:：…]|[.!?。！？；][”"’'』」)）])$/u;
/** Punctuation inside a line that a heading does not normally contain. */
export const CLAUSE_PUNCT = /[。，；！？,;!?]/u;

/** Display width: a CJK character takes two columns, which is how PDF lines wrap. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

/**
 * Join two wrapped lines of one paragraph: English words get a space (or lose a line-break hyphen),
 * Chinese characters join directly.
 */
export function joinLines(left: string, right: string): string {
  const a = left.trimEnd();
  const b = right.trimStart();
  if (!a) return b;
  if (!b) return a;
  // "inform-\nation" → "information"; keep real compounds like "opt-\nout"? Only lower-case continuations are de-hyphenated.
  if (/[A-Za-z]-$/u.test(a) && /^[a-z]/u.test(b) && !/\s-$/u.test(a)) return a.slice(0, -1) + b;
  const last = a.at(-1) ?? '';
  const first = b[0] ?? '';
  if (HAN.test(last) || HAN.test(first) || /[\u3000-\u303f\uff00-\uffef]/u.test(last) || /[\u3000-\u303f\uff00-\uffef]/u.test(first)) return a + b;
  return `${a} ${b}`;
}
