import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { decodeBytes } from './charset.js';
import type { Block, PolicyDocument } from './document.js';
import { htmlBlocks } from './html.js';
import { detectLanguage } from './language.js';
import { markdownBlocks } from './markdown.js';
import { DEFAULT_MAX_BYTES, type LoadOptions } from './options.js';
import { pdfBlocks } from './pdf.js';
import { readBounded } from './read-bounded.js';
import { chooseFormat, contentTypeCharset } from './sniff.js';
import { textBlocks } from './text.js';
import { fetchDocument } from './url.js';

async function readLocal(source: string, maxBytes: number): Promise<Uint8Array> {
  const path = source.startsWith('file:') ? fileURLToPath(source) : source;
  return readBounded(path, source, maxBytes);
}

/**
 * Load a privacy policy from a file (HTML, PDF, Markdown, plain text) or an http(s) URL into ordered
 * blocks with section paths and `§N ¶M` locations, and detect its language unless `lang` is given.
 */
export async function loadPolicy(source: string, options: LoadOptions = {}): Promise<PolicyDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Uint8Array;
  let contentType: string | undefined;
  let name = source;
  if (/^https?:\/\//iu.test(source)) {
    const fetched = await fetchDocument(source, { ...options, maxBytes });
    bytes = fetched.bytes;
    contentType = fetched.contentType;
    name = fetched.url;
  } else {
    bytes = await readLocal(source, maxBytes);
  }
  if (bytes.byteLength === 0) throw new InputError(source, 'empty document');
  const format = chooseFormat(bytes, name, contentType);
  const declared = contentTypeCharset(contentType);
  let blocks: Block[];
  let title: string | undefined;
  const warnings: string[] = [];
  if (format === 'pdf') blocks = await pdfBlocks(bytes, source);
  else {
    const { text, warning } = decodeBytes(bytes, declared ? { html: format === 'html', declared } : { html: format === 'html' });
    if (warning) warnings.push(warning);
    if (format === 'html') ({ blocks, title } = htmlBlocks(text));
    else if (format === 'markdown') blocks = markdownBlocks(text);
    else blocks = textBlocks(text);
  }
  if (blocks.length === 0) throw new InputError(source, format === 'pdf' ? 'no text in the PDF (a scanned image?)' : 'no policy text found (empty document)');
  const guess = detectLanguage(blocks.map((b) => b.text).join('\n'));
  const language = options.lang ?? guess.language;
  const document: PolicyDocument = { source, format, language, blocks };
  if (guess.script && language === 'zh') document.script = guess.script;
  if (warnings.length > 0) document.warnings = warnings;
  if (title) document.title = title;
  else {
    const first = blocks.find((b) => b.kind === 'heading');
    if (first) document.title = first.text;
  }
  return document;
}
