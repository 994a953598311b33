import { readFileSync } from 'node:fs';
import { badness, decodingProblem, textSigns } from './decoding-check.js';

interface CharsetData {
  aliases: Record<string, string>;
  frequentHan: string;
}

const data = JSON.parse(readFileSync(new URL('../../data/load/charset.json', import.meta.url), 'utf8')) as CharsetData;
const FREQUENT = new Set(data.frequentHan);

/** The bytes of the head that a <meta> charset declaration must appear in (the HTML spec's pre-scan limit). */
const PRESCAN_BYTES = 1024 * 4;

/** A label as TextDecoder understands it, or undefined when it knows no such encoding. */
export function canonicalCharset(label: string): string | undefined {
  const lower = label.trim().toLowerCase().replace(/^["']|["']$/gu, '');
  const name = data.aliases[lower] ?? lower;
  try {
    return new TextDecoder(name).encoding;
  } catch {
    // RangeError is TextDecoder's only way to say "unknown label".
    return undefined;
  }
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** `<meta charset="gbk">` or `<meta http-equiv="Content-Type" content="text/html; charset=big5">` in the head. */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  for (const tag of head.match(/<meta\b[^>]*>/giu) ?? []) {
    const match = /\bcharset\s*=\s*["']?([\w.:-]+)/iu.exec(tag);
    if (match?.[1]) {
      const name = canonicalCharset(match[1]);
      if (name) return name;
    }
  }
  return undefined;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    // fatal decoding throws TypeError on the first malformed sequence: that is the answer.
    return false;
  }
}

/** Share of decoded Han characters that are among the most frequent ones: right decodings score high. */
function plausibility(text: string): number {
  let han = 0;
  let frequent = 0;
  let replacement = 0;
  for (const ch of text) {
    if (ch === '\ufffd') replacement += 1;
    else if (/[\u4e00-\u9fff]/u.test(ch)) {
      han += 1;
      if (FREQUENT.has(ch)) frequent += 1;
    }
  }
  return han === 0 ? -replacement : frequent / han - replacement / Math.max(han, 1);
}

/** Without a declaration: UTF-8 if it decodes cleanly, else whichever Chinese legacy encoding reads most plausibly, else windows-1252. */
export function guessCharset(bytes: Uint8Array): string {
  if (isValidUtf8(bytes)) return 'utf-8';
  const sample = bytes.subarray(0, 64 * 1024);
  const candidates = ['gb18030', 'big5'].map((name) => ({ name, score: plausibility(new TextDecoder(name).decode(sample)) }));
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  return best && best.score > 0.05 ? best.name : 'windows-1252';
}

/**
 * Decode a document: byte-order mark first, then the transport's declaration (an HTTP Content-Type
 * charset), then an HTML <meta> declaration, then a guess. A declared charset is checked against
 * what it gives (decoding-check.ts): when the text betrays a wrong declaration and the sniffed
 * charset reads better, the sniffed one is used; either way `warning` says what was found.
 */
export function decodeBytes(bytes: Uint8Array, options: { html?: boolean; declared?: string } = {}): { text: string; charset: string; warning?: string } {
  const bom = bomCharset(bytes);
  // TextDecoder drops a BOM that matches its encoding.
  if (bom) return { text: new TextDecoder(bom).decode(bytes), charset: bom };
  const declared = (options.declared ? canonicalCharset(options.declared) : undefined) ?? (options.html ? declaredHtmlCharset(bytes) : undefined);
  const charset = declared ?? guessCharset(bytes);
  const text = new TextDecoder(charset).decode(bytes);
  const problem = decodingProblem(text);
  if (!problem) return { text, charset };
  const sniffed = guessCharset(bytes);
  if (declared && sniffed !== declared) {
    const other = new TextDecoder(sniffed).decode(bytes);
    if (badness(textSigns(other)) < badness(textSigns(text))) {
      const left = decodingProblem(other);
      return { text: other, charset: sniffed, warning: `the declared charset ${declared} does not fit the bytes (${problem}); read as ${sniffed} instead${left ? `, which still shows ${left}` : ''}` };
    }
  }
  return { text, charset, warning: `the text does not decode cleanly as ${charset} (${problem}): it may be garbled, or not text at all` };
}
