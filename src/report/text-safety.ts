/**
 * Untrusted text (hosts, URLs, values, policy sentences, warnings) on its way to a person.
 * Characters a reader cannot see, or that reorder what they see (bidi overrides, zero-width
 * characters, terminal control sequences), are written as visible `\uXXXX` escapes, so that
 * `\u202Emoc.live` never reads as "evil.com" and a captured host cannot set a terminal's title.
 * Lone surrogates (which strict JSON parsers reject) are shown the same way.
 */

/** Controls (C0, DEL, C1), format characters (bidi, zero-width, BOM), line/paragraph separators, lone surrogates. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029\u115f\u1160\u3164\uffa0]/gu;
/** A joiner between two emoji code points is part of the picture, not a trick. */
const BEFORE_JOINER = /\p{Extended_Pictographic}\uFE0F?$/u;
const AFTER_JOINER = /^\p{Extended_Pictographic}/u;

function escapeCode(c: string): string {
  return `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Text with every hidden character shown as `\uXXXX`: newlines and tabs included, unless
 * `keepWhitespace` (HTML, where they are plain white space).
 */
export function visible(text: string, keepWhitespace = false): string {
  return text.replace(HIDDEN, (c: string, offset: number) => {
    if (c === '\u200D' && BEFORE_JOINER.test(text.slice(Math.max(0, offset - 3), offset)) && AFTER_JOINER.test(text.slice(offset + 1, offset + 3))) return c;
    return keepWhitespace && (c === '\n' || c === '\t' || c === '\r') ? c : escapeCode(c);
  });
}

/** Prose (a policy sentence): line breaks and tabs become spaces, other hidden characters `\uXXXX`. */
export function visibleProse(text: string): string {
  return visible(text.replace(/[\t\r\n]+/g, ' '));
}

/** Lone surrogates become U+FFFD: what JSON and SARIF files hold must be well-formed Unicode. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Every string inside a JSON-like value made well-formed (see wellFormed). */
export function wellFormedDeep<T>(value: T): T {
  if (typeof value === 'string') return wellFormed(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => wellFormedDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[wellFormed(k)] = wellFormedDeep(v);
    return out as T;
  }
  return value;
}

/**
 * JSON text with bidi and invisible characters written as `\uXXXX` escapes: the parsed value is
 * unchanged, but a person reading the file sees them.
 */
export function jsonVisible(json: string): string {
  return json.replace(/[\p{Cf}\u2028\u2029\u115f\u1160\u3164\uffa0\u007f-\u009f]/gu, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** Terminal width of text: East Asian wide and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    width += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
      || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
      || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
  }
  return width;
}

/** Pads to a terminal width (wide characters count two). */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
