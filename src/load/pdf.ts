import { PDFParse } from 'pdf-parse';
import { InputError } from '../errors.js';
import { BlockBuilder } from './blocks.js';
import type { Block } from './document.js';
import { addLineChunks, wrapWidth } from './line-blocks.js';
import { cleanPageLines } from './pdf-lines.js';

/** The text of each page, in page order. Throws InputError when pdf.js cannot read the file. */
export async function pdfPages(bytes: Uint8Array, source: string): Promise<string[]> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    return result.pages.map((p) => p.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(source, `unreadable PDF: ${message}`);
  } finally {
    await parser.destroy();
  }
}

/**
 * PDF: per-page text without running headers, footers and page numbers, wrapped lines joined back
 * into paragraphs (across page breaks), numbered and short lines as headings.
 */
export async function pdfBlocks(bytes: Uint8Array, source: string): Promise<Block[]> {
  const pages = cleanPageLines(await pdfPages(bytes, source));
  // Font size and margins change between pages: each page has its own wrap width, the document's when a page is short.
  const documentWrap = wrapWidth(pages.flat());
  const lines = pages.flatMap((page) => {
    const own = page.length >= 10 ? wrapWidth(page) : documentWrap;
    return page.map((text) => ({ text, wrap: own }));
  });
  const builder = new BlockBuilder();
  addLineChunks(builder, [lines]);
  return builder.blocks;
}
