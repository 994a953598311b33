/**
 * The words that name data, as PI-Extract (English token spans) and CA4P-483 (Chinese 数据 character
 * spans) mark them, and how many of them the extractor's data lexicon reads as a data type: span
 * recall. A span counts as read when a data mention of scanSentence() over its sentence overlaps it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scanSentence } from '../../src/extract/scan.js';
import { categoryOf } from './corpus-eval.js';
import { ca4pPolicies, ca4pSentences, ca4pSplits, OPP_CATEGORY, piextractSentences, piSplit, sharedPolicies, type Split } from './corpus.js';
import { parseCsv } from './csv.js';

export interface DataSpan {
  sentence: string; start: number; end: number; text: string; label: string;
  /** PI-Extract: the OPP-115 category its policy's annotators gave the words, where exactly one does. */
  category?: string;
}

const letters = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * PI-Extract sentences are OPP-115 text: OPP-115's own annotators marked the same words with an
 * information type ("Personal Information Type", selectedText). Per policy, each marked text and
 * the categories given to it.
 */
function oppTypedTexts(policy: string): { text: string; categories: Set<string> }[] {
  const file = path.join(sharedPolicies, 'en', 'opp115', `${policy}.csv`);
  const out = new Map<string, Set<string>>();
  for (const row of parseCsv(readFileSync(file, 'utf8'))) {
    if (!row[6]?.startsWith('{')) continue;
    const pit = (JSON.parse(row[6]) as Record<string, { selectedText: string; value: string }>)['Personal Information Type'];
    const category = pit ? OPP_CATEGORY[pit.value] : undefined;
    if (!pit || !category || typeof pit.selectedText !== 'string' || pit.selectedText === 'null') continue;
    const key = letters(pit.selectedText);
    if (!out.has(key)) out.set(key, new Set());
    out.get(key)!.add(category);
  }
  return [...out].map(([text, categories]) => ({ text, categories }));
}

export function piextractSpans(split: Split): DataSpan[] {
  const out: DataSpan[] = [];
  const typedByPolicy = new Map<string, { text: string; categories: Set<string> }[]>();
  for (const s of piextractSentences()) {
    if (piSplit(s) !== split) continue;
    // Character offset of each token in text (tokens joined by single spaces).
    const at: number[] = [];
    let pos = 0;
    for (const t of s.tokens) { at.push(pos); pos += t.length + 1; }
    const typed = s.policy ? (typedByPolicy.get(s.policy) ?? typedByPolicy.set(s.policy, oppTypedTexts(s.policy)).get(s.policy)!) : [];
    for (const sp of s.spans) {
      const key = letters(sp.text);
      const categories = new Set(typed.filter((t) => key.length >= 3 && t.text.includes(key)).flatMap((t) => [...t.categories]));
      out.push({ sentence: s.text, start: at[sp.start]!, end: at[sp.end - 1]! + s.tokens[sp.end - 1]!.length, text: sp.text, label: sp.label, ...(categories.size === 1 ? { category: [...categories][0]! } : {}) });
    }
  }
  return out;
}

export function ca4pDataSpans(split: Split): DataSpan[] {
  const policies = ca4pPolicies();
  const splits = ca4pSplits(policies);
  const out: DataSpan[] = [];
  for (const p of policies) {
    if (splits.get(p.id) !== split) continue;
    for (const s of ca4pSentences(p)) {
      for (const sp of s.spans) {
        const start = sp.start - s.start;
        if (sp.label !== '数据' || start < 0 || start >= s.text.length) continue;
        out.push({ sentence: s.text, start, end: Math.min(s.text.length, sp.end - s.start), text: sp.text, label: sp.label });
      }
    }
  }
  return out;
}

export interface SpanRead { span: DataSpan; types: string[] }

/** The data types the extractor reads in each span (none: the lexicon lacks its words). */
export function readSpans(spans: DataSpan[], lang: 'en' | 'zh'): SpanRead[] {
  const scans = new Map<string, ReturnType<typeof scanSentence>>();
  return spans.map((span) => {
    let scan = scans.get(span.sentence);
    if (!scan) scans.set(span.sentence, (scan = scanSentence(span.sentence, lang)));
    const types = scan.data.filter((m) => m.term !== '' && m.start < span.end && m.end > span.start).map((m) => m.id);
    return { span, types: [...new Set(types)] };
  });
}

export interface SpanRecall {
  spans: number; read: number; specific: number;
  /** Spans whose category is known (PI-Extract through OPP-115), and the share read as a type of that category. */
  checkable: number; right: number;
}

/** Share of spans read as some data type, as a type narrower than personal_info, and as the right category where known. */
export function spanRecall(reads: SpanRead[]): SpanRecall {
  const checkable = reads.filter((r) => r.span.category);
  return {
    spans: reads.length,
    read: reads.filter((r) => r.types.length > 0).length / Math.max(1, reads.length),
    specific: reads.filter((r) => r.types.some((t) => t !== 'personal_info')).length / Math.max(1, reads.length),
    checkable: checkable.length,
    right: checkable.filter((r) => r.types.some((t) => categoryOf(t) === r.span.category)).length / Math.max(1, checkable.length),
  };
}
