import { BlockBuilder } from './blocks.js';
import type { Block } from './document.js';
import { joinLines } from './text-utils.js';

const ATX = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+\s*)?$/u;
const SETEXT = /^ {0,3}(=+|-+)\s*$/u;
const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$/u;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/u;
const FENCE = /^ {0,3}(```|~~~)/u;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/u;

/** Inline Markdown to plain text: links keep their text, images and HTML tags go, emphasis and code marks go. */
export function stripInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/gu, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/gu, '$1')
    .replace(/<[^>]+>/gu, '')
    .replace(/(\*\*|__)(.+?)\1/gu, '$2')
    .replace(/(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])/gu, '$2')
    .replace(/`([^`]*)`/gu, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/gu, '$1');
}

function tableCells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/u, '').replace(/(?<!\\)\|$/u, '');
  return trimmed.split(/(?<!\\)\|/u).map((c) => stripInline(c.replace(/\\\|/gu, '|').trim()));
}

/** Markdown: ATX and setext headings, list items, pipe tables (one table_row per row), paragraphs. */
export function markdownBlocks(text: string): Block[] {
  const builder = new BlockBuilder();
  const lines = text.replace(/^\ufeff/u, '').split(/\r\n|\r|\n/u);
  let paragraph: string | undefined;
  let item: string | undefined;
  const flush = (): void => {
    if (paragraph !== undefined) builder.paragraph(stripInline(paragraph));
    if (item !== undefined) builder.listItem(stripInline(item));
    paragraph = undefined;
    item = undefined;
  };
  let inFence = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (FENCE.test(line)) {
      // Code blocks are not policy text.
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush();
      builder.heading(stripInline(atx[2] ?? ''), atx[1]?.length ?? 1);
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && paragraph !== undefined && item === undefined) {
      const text = paragraph;
      paragraph = undefined;
      builder.heading(stripInline(text), setext[1]?.startsWith('=') ? 1 : 2);
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      flush();
      continue;
    }
    const next = lines[i + 1] ?? '';
    if (line.includes('|') && TABLE_DELIMITER.test(next) && paragraph === undefined) {
      flush();
      builder.tableRow(tableCells(line));
      i += 2;
      for (; i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim() !== ''; i += 1) builder.tableRow(tableCells(lines[i] ?? ''));
      i -= 1;
      continue;
    }
    const li = LIST_ITEM.exec(line);
    if (li) {
      flush();
      item = li[2] ?? '';
      continue;
    }
    if (item !== undefined) item = joinLines(item, line);
    else paragraph = paragraph === undefined ? line.trim() : joinLines(paragraph, line);
  }
  flush();
  return builder.blocks;
}
