/**
 * Does a decoded text look like what its bytes meant? A wrong charset declaration (UTF-8 Chinese
 * served as iso-8859-1, GBK declared as UTF-8) or bytes that are not text at all decode without an
 * error into mojibake, and the policy then yields nothing. These checks name what is wrong so the
 * loader can try the sniffed charset instead, and say so.
 */

export interface TextSigns {
  chars: number;
  /** U+FFFD: bytes the charset could not decode. */
  replacement: number;
  /** C0 controls other than tab, line breaks and form feed, and C1 controls: binary, or a wrong single-byte charset. */
  controls: number;
  /** A Latin-1 letter followed by a byte-range symbol, as UTF-8 read as Latin-1 gives (`æˆ‘`, `Ã©`). */
  mojibake: number;
}

const MOJIBAKE = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/gu;

export function textSigns(text: string): TextSigns {
  let replacement = 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replacement++;
    else if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c <= 0x9f)) controls++;
  }
  return { chars: text.length, replacement, controls, mojibake: text.match(MOJIBAKE)?.length ?? 0 };
}

/** Lower is better: the share of characters that betray a wrong decoding. */
export function badness(signs: TextSigns): number {
  return signs.chars === 0 ? 0 : (signs.replacement + signs.controls + 2 * signs.mojibake) / signs.chars;
}

/** A share of suspicious characters that real policies (even with a stray symbol or two) stay under. */
const TOLERATED = 0.002;

/** Why `text` does not look like a right decoding of its bytes, or undefined when it does. */
export function decodingProblem(text: string): string | undefined {
  const signs = textSigns(text);
  if (signs.chars === 0 || badness(signs) <= TOLERATED) return undefined;
  const share = (n: number) => `${((100 * n) / signs.chars).toFixed(1)}%`;
  const parts: string[] = [];
  if (signs.replacement > 0) parts.push(`${share(signs.replacement)} undecodable bytes`);
  if (signs.controls > 0) parts.push(`${share(signs.controls)} control characters`);
  if (signs.mojibake > 0) parts.push(`${signs.mojibake} UTF-8 sequences read as single bytes`);
  return parts.join(', ');
}
