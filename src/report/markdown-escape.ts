/**
 * Markdown escaping for untrusted text: after rendering (CommonMark / GFM, raw HTML allowed) the
 * text stays text. No tag, entity, link, emphasis, heading or table cell can be opened from it,
 * code spans always close, and hidden characters are shown (text-safety.ts).
 */
import { visible, visibleProse } from './text-safety.js';

/**
 * Inline Markdown syntax characters (emphasis, code, links, tables, strike-through, headings'
 * closing #); `&`, `<` and `>` become entities so that no HTML, autolink or entity is ever formed.
 */
const INLINE = /[\\`*_[\]|~#]/g;

/** Text in a paragraph, list item, heading, quote or table cell (one line). */
export function mdText(text: string): string {
  return visibleProse(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INLINE, (c) => `\\${c}`);
}

/** Text that starts a line: a list marker, numbered item, quote or setext underline there would change block structure. */
export function mdLine(text: string): string {
  return mdText(text).replace(/^(\s*)([-+=]|\d+[.)])/, '$1\\$2');
}

/**
 * A code span around untrusted text: the fence is longer than any backtick run inside, so the
 * span cannot be closed early; `|` is escaped because GFM splits table rows on it even in code.
 */
export function mdCode(text: string, inTable = false): string {
  const shown = visible(text);
  const content = inTable ? shown.replace(/\|/g, '\\|') : shown;
  if (content.length === 0) return '`\u2205`';
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || content.startsWith(' ') || content.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}
