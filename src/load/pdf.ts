import { PDFParse } from 'pdf-parse';
import { InputError } from '../errors.js';
import { BlockBuilder } from './blocks.js';
import type { Block } from './document.js';
import { addLineChunks, wrapWidth } from './line-blocks.js';
import { cleanPageLines } from './pdf-lines.js';

/**
 * pdf.js (through pdf-parse) leaves some of its own promises unhandled when a broken object is met
 * while a page is read (found by fuzzing: `Illegal character`, `End of file inside dictionary`), and
 * an unhandled rejection ends a Node process. While a PDF is being read, rejections that are pdf.js
 * parse exceptions are absorbed (the text read so far still stands); any other reason is rethrown.
 */
const PDFJS_EXCEPTIONS = new Set(['FormatError', 'ParserEOFException', 'XRefEntryException', 'XRefParseException', 'MissingDataException', 'InvalidPDFException', 'UnknownErrorException']);
let reading = 0;
let listening = false;
let release: NodeJS.Timeout | undefined;
/** pdf.js rejects a few event-loop turns after getText() has returned, later on a busy machine. */
const LINGER_MS = 2_000;

function onPdfRejection(reason: unknown): void {
  if (reason instanceof Error && PDFJS_EXCEPTIONS.has(reason.name)) return;
  process.nextTick(() => {
    throw reason;
  });
}

async function withPdfRejectionsAbsorbed<T>(run: () => Promise<T>): Promise<T> {
  clearTimeout(release);
  if (!listening) process.on('unhandledRejection', onPdfRejection);
  listening = true;
  reading++;
  try {
    return await run();
  } finally {
    if (--reading === 0) {
      release = setTimeout(() => {
        process.off('unhandledRejection', onPdfRejection);
        listening = false;
      }, LINGER_MS);
      release.unref();
    }
  }
}

/** The text of each page, in page order. Throws InputError when pdf.js cannot read the file. */
export function pdfPages(bytes: Uint8Array, source: string): Promise<string[]> {
  return withPdfRejectionsAbsorbed(() => readPages(bytes, source));
}

async function readPages(bytes: Uint8Array, source: string): Promise<string[]> {
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
