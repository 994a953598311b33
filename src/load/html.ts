import * as cheerio from 'cheerio';
import { flattenDeepNesting, limitTagNesting } from './html-depth.js';
import { BlockBuilder } from './blocks.js';
import type { Block } from './document.js';
import { headingLevel } from './headings.js';
import { contentRoot, removeBoilerplate } from './html-clean.js';
import { TERMINAL, displayWidth, normalizeText } from './text-utils.js';

/** The parts of a domhandler node this walker reads (cheerio's node type, structurally). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  children?: DomNode[];
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'html', 'li', 'main', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption',
]);
const HEADING = /^h([1-6])$/u;
const EMPHASIS = new Set(['strong', 'b']);
/** Bold-only lines up to this width are sub-headings in pages without heading tags. */
const PSEUDO_HEADING_WIDTH = 80;
/** Sub-headings found by bold text or layout sit below every real heading. */
const PSEUDO_HEADING_LEVEL = 6;
/** Cells longer than this mean a layout table, not a data table. */
const MAX_CELL_CHARS = 600;

function isElement(node: DomNode): boolean {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (node.name === 'br') return '\n';
  if (!isElement(node) && node.type !== 'root') return '';
  const inner = (node.children ?? []).map(textOf).join('');
  return node.name && BLOCK.has(node.name) ? ` ${inner} ` : inner;
}

function rows(table: DomNode): DomNode[] {
  const out: DomNode[] = [];
  for (const child of table.children ?? []) {
    if (child.name === 'tr') out.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') out.push(...rows(child));
  }
  return out;
}

function cellsOf(row: DomNode): DomNode[] {
  return (row.children ?? []).filter((c) => c.name === 'td' || c.name === 'th');
}

function hasBlockContent(node: DomNode): boolean {
  return (node.children ?? []).some((c) => (c.name !== undefined && /^(?:p|div|ul|ol|table|h[1-6]|section|article)$/u.test(c.name)) || hasBlockContent(c));
}

/** A data table (each row one record, e.g. an SDK list) rather than a page-layout grid. */
function isDataTable(table: DomNode): boolean {
  const all = rows(table);
  if (all.length === 0) return false;
  return all.every((row) => cellsOf(row).every((cell) => !hasBlockContent(cell) && normalizeText(textOf(cell)).length <= MAX_CELL_CHARS));
}

/** Walks the DOM in reading order; inline text gathers in a buffer that block boundaries flush. */
class Walker {
  private buffer = '';
  private bold = new Set<string>();
  private kind: 'paragraph' | 'list_item' = 'paragraph';

  constructor(private readonly builder: BlockBuilder) {}

  walk(node: DomNode): void {
    for (const child of node.children ?? []) this.visit(child);
  }

  flush(): void {
    const pieces = this.buffer.split('\n').map(normalizeText).filter((p) => p !== '');
    const split = pieces.length > 1;
    for (const piece of pieces) {
      if (this.isPseudoHeading(piece, split)) this.builder.heading(piece, PSEUDO_HEADING_LEVEL);
      else if (this.kind === 'list_item') this.builder.listItem(piece);
      else this.builder.paragraph(piece);
    }
    this.buffer = '';
    this.bold = new Set();
  }

  private isPseudoHeading(piece: string, lineOfSeveral: boolean): boolean {
    if (this.kind === 'list_item' || displayWidth(piece) > PSEUDO_HEADING_WIDTH || TERMINAL.test(piece)) return false;
    if (this.bold.has(piece)) return /[A-Za-z\u4e00-\u9fff]/u.test(piece);
    // A short title-like line set off by <br>s (pages with no heading markup at all).
    return lineOfSeveral && headingLevel(piece) !== undefined;
  }

  private visit(node: DomNode): void {
    if (node.type === 'text') {
      // Source line breaks are spaces; only <br> breaks a line.
      this.buffer += (node.data ?? '').replace(/[\r\n]+/gu, ' ');
      return;
    }
    if (!isElement(node) || !node.name) return;
    const name = node.name;
    if (name === 'br') {
      this.buffer += '\n';
      return;
    }
    const heading = HEADING.exec(name);
    if (heading) {
      this.flush();
      this.builder.heading(textOf(node), Number(heading[1]));
      return;
    }
    if (name === 'table' && isDataTable(node)) {
      this.flush();
      for (const row of rows(node)) this.builder.tableRow(cellsOf(row).map(textOf));
      return;
    }
    if (EMPHASIS.has(name)) {
      const text = normalizeText(textOf(node));
      if (text) this.bold.add(text);
    }
    if (!BLOCK.has(name)) {
      this.walk(node);
      return;
    }
    this.flush();
    const outer = this.kind;
    if (name === 'li') this.kind = 'list_item';
    else if (name === 'ul' || name === 'ol' || name === 'table') this.kind = 'paragraph';
    this.walk(node);
    this.flush();
    this.kind = outer;
  }
}

/** Segmented corpora (OPP-115) separate annotated segments with `|||`: each is a block boundary. */
function markSegments(html: string): string {
  return html.split('|||').length > 2 ? html.replaceAll('|||', '<hr>') : html;
}

/** HTML: visible policy text as blocks, headings as section paths, lists and table rows kept. */
export function htmlBlocks(html: string): { blocks: Block[]; title?: string } {
  const $ = cheerio.load(limitTagNesting(markSegments(html)));
  flattenDeepNesting($.root()[0]);
  const title = normalizeText($('title').first().text()) || undefined;
  removeBoilerplate($);
  const root = contentRoot($);
  const builder = new BlockBuilder();
  const walker = new Walker(builder);
  for (const el of root) walker.walk(el as DomNode);
  walker.flush();
  return title ? { blocks: builder.blocks, title } : { blocks: builder.blocks };
}
