/**
 * Chinese sentence splitting by punctuation and enumeration markers: 。！？；, line breaks, and
 * list markers such as （一）, 1. , 1、, ①, (1) — never inside numbers like "1.1" or "v2.1".
 */

const END = new Set(['。', '！', '？', '!', '?', '；', ';']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '"']);
// An enumeration marker at a position where a new item can start (after punctuation or a break).
const MARKER = /^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}(?:\.\d{1,2})*[、.．](?!\d)|[①-⑳])/;
const AFTER_MARKER_CONTEXT = new Set(['：', ':', '。', '；', ';', '\n', ' ', '\u3000', '，']);

export function splitChinese(text: string): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    const s = current.trim();
    // A lone marker ("（一）") is kept with what follows, not emitted on its own.
    if (s.length > 0) out.push(s);
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\n' || ch === '\r') { flush(); continue; }
    const prev = i > 0 ? text[i - 1] ?? '' : '\n';
    if (current.trim().length > 0 && AFTER_MARKER_CONTEXT.has(prev) && prev !== '，') {
      const m = MARKER.exec(text.slice(i, i + 8));
      // "1." after a colon or stop starts a list item; a digit right after a digit or a letter ("v2.1") does not.
      if (m && !/[\dA-Za-z.]/.test(prev)) flush();
    }
    current += ch;
    if (END.has(ch)) {
      while (i + 1 < text.length && CLOSERS.has(text[i + 1] ?? '')) current += text[++i];
      flush();
    }
  }
  flush();
  return mergeBareMarkers(out);
}

/** A piece that is only a marker ("（一）", "1.") joins the next piece. */
function mergeBareMarkers(pieces: string[]): string[] {
  const out: string[] = [];
  let carry = '';
  for (const p of pieces) {
    const m = MARKER.exec(p);
    if (m && m[0].length === p.length) { carry += p; continue; }
    out.push(carry + p);
    carry = '';
  }
  if (carry) out.push(carry);
  return out;
}

/** "友盟同欣（北京）科技有限公司（以下简称“友盟”）", "设备唯一标识符（下称“设备ID”）". */
const DEFINED_SHORT = /([^\s，。；、：:“”"'（）()]{2,40})[（(](?:以下|下文|下)?(?:简称|称)(?:为)?[：:]?\s*[“"「『]([^”"」』]{1,20})[”"」』]/g;

/**
 * Short names a policy defines for itself ("以下简称“X”"), as [short, full] pairs. `names(full)` says
 * whether the full form names something the reader knows (a data type, a party); pairs whose
 * short form the reader knows already, or that only name us, are left out.
 */
export function definedAbbreviations(text: string, names: (phrase: string) => boolean): [string, string][] {
  const out: [string, string][] = [];
  for (const m of text.matchAll(DEFINED_SHORT)) {
    const [, full, short] = m as unknown as [string, string, string];
    if (/^(?:我们|我方|本公司|本平台|本应用|本产品|本服务|本政策|本指引|本协议|您|用户)$/.test(short) || names(short) || !names(full)) continue;
    out.push([short, full]);
  }
  return out;
}

/** The sentence with each defined short name written out, so the reader's lexicon finds it. */
export function expandAbbreviations(sentence: string, pairs: [string, string][]): string {
  let out = sentence;
  for (const [short, full] of pairs) if (out.includes(short) && !out.includes(full)) out = out.split(short).join(full);
  return out;
}
