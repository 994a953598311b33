import { BlockBuilder } from './blocks.js';
import type { Block } from './document.js';
import { addLineChunks, chunkLines, wrapWidth } from './line-blocks.js';

/** Plain text: blank lines split paragraphs, heuristics find headings and list items, wrapped lines rejoin. */
export function textBlocks(text: string): Block[] {
  const builder = new BlockBuilder();
  const chunks = chunkLines(text);
  const wrap = wrapWidth(chunks.flat());
  addLineChunks(builder, chunks.map((chunk) => chunk.map((line) => ({ text: line, wrap }))));
  return builder.blocks;
}
