import type { Block, BlockKind } from './document.js';
import { normalizeText } from './text-utils.js';

/**
 * Collects blocks in reading order and gives each its section path and location: `§N ¶M`, where N
 * counts headings (0 before the first) and M counts blocks inside the section (the heading is ¶0).
 */
export class BlockBuilder {
  readonly blocks: Block[] = [];
  private sectionNo = 0;
  private blockNo = 0;
  private readonly stack: { level: number; text: string }[] = [];

  heading(raw: string, level: number): void {
    const text = normalizeText(raw);
    if (!text) return;
    while (this.stack.length > 0 && (this.stack.at(-1)?.level ?? 0) >= level) this.stack.pop();
    this.stack.push({ level, text });
    this.sectionNo += 1;
    this.blockNo = 0;
    this.blocks.push({ kind: 'heading', text, level, section: this.path(), location: this.location() });
  }

  paragraph(raw: string): void {
    this.add('paragraph', raw);
  }

  listItem(raw: string): void {
    this.add('list_item', raw);
  }

  tableRow(rawCells: string[]): void {
    const cells = rawCells.map(normalizeText);
    if (cells.every((c) => c === '')) return;
    this.add('table_row', cells.filter((c) => c !== '').join(' | '), cells);
  }

  /** Headings so far. */
  get sections(): number {
    return this.sectionNo;
  }

  /** The current heading level (0 before any heading). */
  get depth(): number {
    return this.stack.at(-1)?.level ?? 0;
  }

  private add(kind: BlockKind, raw: string, cells?: string[]): void {
    const text = normalizeText(raw);
    if (!text) return;
    this.blockNo += 1;
    const block: Block = { kind, text, section: this.path(), location: this.location() };
    if (cells) block.cells = cells;
    this.blocks.push(block);
  }

  private path(): string[] {
    return this.stack.map((h) => h.text);
  }

  private location(): string {
    return `§${this.sectionNo} ¶${this.blockNo}`;
  }
}
