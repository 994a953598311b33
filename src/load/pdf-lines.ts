import { normalizeText } from './text-utils.js';

/** Page-number lines: "- 3 -", "－3－", "第 3 页", "第3页 共9页", "Page 3 of 9", "3 / 9". */
const PAGE_NUMBER = [
  /^[-－—–‒~]\s*\d{1,4}\s*[-－—–‒~]$/u,
  /^(?:共\s*\d+\s*页\s*)?第\s*\d+\s*页(?:\s*[,，/／]?\s*共\s*\d+\s*页)?$/u,
  /^(?:page|p\.|pg\.?)\s*\d+(?:\s*(?:of|\/)\s*\d+)?$/iu,
  /^\d{1,4}\s*(?:\/|of)\s*\d{1,4}$/iu,
];
const BARE_NUMBER = /^[\divxlc]{1,6}$/iu;
/** Lines looked at for running headers and footers at each end of a page. */
const EDGE_LINES = 2;
/** A line repeated at the edge of at least this share of pages is a running header or footer. */
const REPEAT_SHARE = 0.5;

export function isPageNumber(line: string): boolean {
  return PAGE_NUMBER.some((re) => re.test(line));
}

/** Page numbers at either end of a running header vary ("Policy — page 3"): compare without them. */
function shape(line: string): string {
  return line.replace(/^\d+|\d+$/gu, '#');
}

/**
 * Lines of each page without page numbers and running headers/footers (lines repeated at the top or
 * bottom of most pages).
 */
export function cleanPageLines(pages: string[]): string[][] {
  const pageLines = pages.map((p) => p.split(/\r?\n/u).map(normalizeText).filter((l) => l !== ''));
  const edgeCounts = new Map<string, number>();
  for (const lines of pageLines) {
    const edges = new Set([...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)].map(shape));
    for (const e of edges) edgeCounts.set(e, (edgeCounts.get(e) ?? 0) + 1);
  }
  const threshold = Math.max(3, Math.ceil(pages.length * REPEAT_SHARE));
  const repeated = new Set([...edgeCounts].filter(([, n]) => n >= threshold).map(([s]) => s));
  return pageLines.map((lines) =>
    lines.filter((line, i) => {
      const atEdge = i < EDGE_LINES || i >= lines.length - EDGE_LINES;
      if (isPageNumber(line)) return false;
      return !(atEdge && (BARE_NUMBER.test(line) || repeated.has(shape(line))));
    }),
  );
}
