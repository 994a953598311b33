import { CLAUSE_PUNCT, HAN, displayWidth } from './text-utils.js';

/**
 * Heading and list-marker heuristics for text without markup (plain text, PDF lines).
 * Numbering schemes decide the level: 第一章 > 第一节 > 一、 > （一） > 1. > 1.1 > 1.1.1.
 */
const CN_NUM = '[一二三四五六七八九十百零〇两]+';
const NUMBERED: { re: RegExp; level: number }[] = [
  { re: new RegExp(`^第${CN_NUM}[章部篇编]`, 'u'), level: 1 },
  { re: new RegExp(`^第${CN_NUM}节`, 'u'), level: 2 },
  { re: new RegExp(`^第${CN_NUM}条`, 'u'), level: 3 },
  { re: new RegExp(`^${CN_NUM}[、.．]`, 'u'), level: 2 },
  { re: new RegExp(`^[（(]${CN_NUM}[)）]`, 'u'), level: 3 },
  { re: /^(?:Article|Section|Chapter|Part)\s+[\dIVXLC]+\b/iu, level: 2 },
  { re: /^\d+\.\d+\.\d+\.?(?=\s|[^\d.]|$)/u, level: 5 },
  { re: /^\d+\.\d+\.?(?=\s|[^\d.]|$)/u, level: 4 },
  { re: /^\d+[.．、](?=\s|[^\d]|$)/u, level: 3 },
  { re: /^[IVX]+\.\s/u, level: 2 },
  { re: /^[【\[][^】\]]{1,20}[】\]]$/u, level: 2 },
];

/** Markers that start a list item when the line is too long or too punctuated to be a heading. */
const ITEM_MARKER = new RegExp(`^(?:[-*•·●○▪■◆]\\s*|\\d+[.)．、]\\s*|[（(](?:\\d+|${CN_NUM}|[a-z])[)）]\\s*|[a-z][.)]\\s+|[①-⑳]|${CN_NUM}、)`, 'u');

/** A heading is short: this many display columns (a CJK character counts two). */
const MAX_HEADING_WIDTH = 60;

/** The numbering level of a line that starts with a heading-style number, else undefined. */
export function numberingLevel(line: string): number | undefined {
  for (const { re, level } of NUMBERED) if (re.test(line)) return level;
  return undefined;
}

/**
 * Whether a line of unmarked text is a heading, and its level. Numbered short lines without clause
 * punctuation are headings at their numbering level; unnumbered ones must be short, carry no final or
 * clause punctuation and (for English) look like a title.
 */
export function headingLevel(line: string): number | undefined {
  const text = line.trim();
  if (!text || displayWidth(text) > MAX_HEADING_WIDTH) return undefined;
  const level = numberingLevel(text);
  // Strip the number itself ("1." "一、") before looking at punctuation in the title.
  const title = text.replace(/^[\d.．、]+|^[（(][^)）]*[)）]/u, '');
  if (CLAUSE_PUNCT.test(title.replace(/[、]/gu, ''))) return undefined;
  if (/[.:：]$/u.test(text) && level === undefined) return undefined;
  if (/[:：]/u.test(title) && /[:：]\s*\S/u.test(title)) return undefined;
  if (level !== undefined) return /[:：]$/u.test(text) ? undefined : level;
  if (!/[A-Za-z\u4e00-\u9fff]/u.test(text)) return undefined;
  if (HAN.test(text)) return displayWidth(text) <= 48 ? 2 : undefined;
  const words = text.split(/\s+/u);
  if (words.length > 10) return undefined;
  // English titles capitalise their first word and most content words.
  const capitalised = words.filter((w) => /^[A-Z0-9]/u.test(w)).length;
  return /^[A-Z0-9]/u.test(text) && capitalised / words.length >= 0.5 ? 2 : undefined;
}

/** Whether a line starts a list item (bullet, number or Chinese enumeration). */
export function isItemStart(line: string): boolean {
  return ITEM_MARKER.test(line.trim());
}
