/**
 * English sentence splitting: natural's SentenceTokenizer per paragraph (it slows sharply on long
 * input), then a repair pass that re-joins the pieces it cuts after abbreviations ("e.g.", "U.S.").
 */
// Deep import: the package root loads database back-ends and prints dotenv lines to stdout.
import tokenizers from 'natural/lib/natural/tokenizers/index.js';
import { lexicon } from './lexicon.js';

const tokenizer = new tokenizers.SentenceTokenizer([]);
// Bullets, numbered items and line breaks start a new piece before natural sees the text.
const HARD_BREAK = /\s*(?:\r?\n)+\s*|\s+(?=(?:•|·|▪|◦|●)\s)/;

export function splitEnglish(text: string): string[] {
  const abbreviations = new Set(lexicon('en').cues.abbreviations ?? []);
  const out: string[] = [];
  for (const paragraph of text.split(HARD_BREAK)) {
    const p = paragraph.trim();
    if (p.length === 0) continue;
    // natural throws away a paragraph without terminal punctuation in some versions; guard it.
    const guarded = protect(p, abbreviations);
    const pieces = /[.!?]/.test(guarded) ? tokenizer.tokenize(guarded) : [guarded];
    out.push(...repair(pieces.length > 0 ? pieces : [guarded], abbreviations).map((s) => s.replace(/\u2024/g, '.')));
  }
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Dots inside known abbreviations become U+2024 (same length) so natural cannot split there. */
function protect(text: string, abbreviations: Set<string>): string {
  return text.replace(/(?<![\w.])(?:[A-Za-z]{1,6}\.)+(?=[\s,;:)]|$)/g, (m) => (abbreviations.has(m.toLowerCase()) || /^(?:[A-Za-z]\.){2,}$/.test(m) ? m.replace(/\./g, '\u2024') : m));
}

function endsWithAbbreviation(piece: string, abbreviations: Set<string>): boolean {
  const last = piece.trim().split(/\s+/).pop()?.toLowerCase() ?? '';
  if (abbreviations.has(last) || abbreviations.has(last.replace(/^[("'[]+/, ''))) return true;
  // Single initials ("J.", "U.") and dotted acronyms cut in half ("e.", "U.S.").
  return /^(?:[a-z]\.)+$/i.test(last.replace(/^[("'[]+/, ''));
}

function repair(pieces: string[], abbreviations: Set<string>): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    const prev = out[out.length - 1];
    const startsLower = /^[a-z0-9(,;:)]/.test(piece.trim());
    if (prev !== undefined && (endsWithAbbreviation(prev, abbreviations) || startsLower)) {
      out[out.length - 1] = `${prev} ${piece.trim()}`;
    } else {
      out.push(piece.trim());
    }
  }
  return out;
}
