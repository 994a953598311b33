/**
 * Traditional → Simplified Chinese for MATCHING only: the lexicons are Simplified, and every offset
 * found in the converted text must still index the original sentence (evidence keeps the script it
 * was written in). So the result always has the input's length.
 *
 * Characters only, no phrase table: OpenCC's Taiwan phrases turn 存取 (access) into 访问 and
 * 資料 into 数据, which hides the wording; Taiwan vocabulary (装置, 位址, 搜集, 资讯 compounds)
 * is in the lexicons instead, in its character-converted form.
 */
import * as OpenCC from 'opencc-js';

let convert: ((text: string) => string) | undefined;

// Any CJK ideograph: text without one (English, digits) is returned untouched and cheaply.
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Simplified form of `text`, always of the same length (characters that would change it stay). */
export function toSimplified(text: string): string {
  if (!CJK.test(text)) return text;
  const conv = (convert ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  const whole = conv(text);
  if (whole.length === text.length) return whole;
  return Array.from(text, (ch) => {
    const c = conv(ch);
    return c.length === ch.length ? c : ch;
  }).join('');
}
