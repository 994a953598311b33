import type { BlockBuilder } from './blocks.js';
import { headingLevel, isItemStart, numberingLevel } from './headings.js';
import { TERMINAL, displayWidth, joinLines } from './text-utils.js';

/** Lines wider than this (display columns) mean the text was not hard-wrapped. */
const MAX_WRAP_WIDTH = 160;
/** A line this close to the wrap width was probably wrapped, not ended. */
const FULL_LINE_SHARE = 0.75;

/** The width lines wrap at: the 90th percentile of line widths, or Infinity when lines are long paragraphs. */
export function wrapWidth(lines: string[]): number {
  const widths = lines.map((l) => displayWidth(l.trim())).filter((w) => w > 0).sort((a, b) => a - b);
  if (widths.length < 5) return Infinity;
  const p90 = widths[Math.floor(widths.length * 0.9)] ?? 0;
  return p90 > MAX_WRAP_WIDTH ? Infinity : p90;
}

/**
 * Turn paragraphs of unmarked lines (blank lines already split them into chunks) into blocks:
 * headings by heuristics, list items by their markers, and wrapped lines joined back into paragraphs.
 */
export interface Line {
  text: string;
  /** The width this line's column wraps at (Infinity: never wrapped). */
  wrap: number;
}

export function addLineChunks(builder: BlockBuilder, chunks: Line[][]): void {
  for (const chunk of chunks) {
    let current: { kind: 'paragraph' | 'item'; text: string; lastLine: string; wrap: number } | undefined;
    const flush = (): void => {
      if (!current) return;
      if (current.kind === 'item') builder.listItem(current.text);
      else builder.paragraph(current.text);
      current = undefined;
    };
    let previous: { ended: boolean } | undefined;
    for (const { text: raw, wrap: width } of chunk) {
      const line = raw.trim();
      if (!line) continue;
      const continues = current !== undefined && !TERMINAL.test(current.lastLine) && displayWidth(current.lastLine) >= current.wrap * FULL_LINE_SHARE;
      if (continues && current && !isItemStart(line) && numberingLevel(line) === undefined) {
        current.text = joinLines(current.text, line);
        current.lastLine = line;
        current.wrap = width;
        previous = { ended: TERMINAL.test(line) };
        continue;
      }
      flush();
      // A line that fills the column was wrapped mid-sentence: its start is no heading.
      const full = Number.isFinite(width) && displayWidth(line) >= width * FULL_LINE_SHARE && !TERMINAL.test(line);
      // An unnumbered short line right after an unfinished sentence is that sentence's tail, not a title.
      const tail = previous !== undefined && !previous.ended && numberingLevel(line) === undefined;
      const level = full || tail ? undefined : headingLevel(line);
      previous = { ended: level !== undefined || TERMINAL.test(line) };
      if (level !== undefined) {
        // The first unnumbered heading is the document's title: everything else nests under it.
        const title = builder.sections === 0 && numberingLevel(line) === undefined;
        builder.heading(line, title ? 1 : level);
        continue;
      }
      current = { kind: isItemStart(line) ? 'item' : 'paragraph', text: line, lastLine: line, wrap: width };
    }
    flush();
  }
}

/** Split text into chunks of non-blank lines. */
export function chunkLines(text: string): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/u)) {
    if (line.trim() === '') {
      if (chunk.length > 0) chunks.push(chunk);
      chunk = [];
    } else chunk.push(line);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
