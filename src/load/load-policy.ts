import { fileURLToPath } from 'node:url';
import { fileErrorReason, InputError } from '../errors.js';
import { displayName, readWholeInput, STDIN } from '../stream-input.js';
import { decodeBytes } from './charset.js';
import type { Block, PolicyDocument } from './document.js';
import { detectLanguage, languageName } from './language.js';
import { markdownBlocks } from './markdown.js';
import { DEFAULT_MAX_BYTES, type LoadOptions } from './options.js';
import { readBounded } from './read-bounded.js';
import { captureFormatOf, chooseFormat, contentTypeCharset } from './sniff.js';
import { textBlocks } from './text.js';

/** Standard input (`-`): no size to check first, so the limit is counted as bytes arrive. */
async function readStream(source: string, maxBytes: number): Promise<Uint8Array> {
  try {
    return await readWholeInput(source, maxBytes, (limit) => new InputError(displayName(source), `more than ${limit} bytes, over the limit for a policy`));
  } catch (error) {
    if (error instanceof InputError) throw error;
    const reason = fileErrorReason(error);
    if (reason) throw new InputError(displayName(source), reason);
    throw error;
  }
}

async function readLocal(source: string, maxBytes: number): Promise<Uint8Array> {
  if (source === STDIN) return readStream(source, maxBytes);
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
    const { fetchDocument } = await import('./url.js');
    const fetched = await fetchDocument(source, { ...options, maxBytes });
    bytes = fetched.bytes;
    contentType = fetched.contentType;
    name = fetched.url;
  } else {
    bytes = await readLocal(source, maxBytes);
  }
  if (bytes.byteLength === 0) throw new InputError(displayName(source), 'empty document');
  const capture = await captureFormatOf(bytes, name);
  if (capture) {
    throw new InputError(displayName(source), `this is ${capture}, not a privacy policy: the policy comes first (privdiff compare <policy> <capture>...)`);
  }
  const format = chooseFormat(bytes, name, contentType);
  const declared = contentTypeCharset(contentType);
  let blocks: Block[];
  let title: string | undefined;
  const warnings: string[] = [];
  // The PDF and HTML parsers are large: loaded only for the documents that need them.
  if (format === 'pdf') blocks = await (await import('./pdf.js')).pdfBlocks(bytes, source);
  else {
    const { text, warning } = decodeBytes(bytes, declared ? { html: format === 'html', declared } : { html: format === 'html' });
    if (warning) warnings.push(warning);
    if (format === 'html') ({ blocks, title } = (await import('./html.js')).htmlBlocks(text));
    else if (format === 'markdown') blocks = markdownBlocks(text);
    else blocks = textBlocks(text);
  }
  if (blocks.length === 0) throw new InputError(displayName(source), format === 'pdf' ? 'no text in the PDF (a scanned image?)' : 'no policy text found (empty document)');
  const guess = detectLanguage(blocks.map((b) => b.text).join('\n'));
  const language = options.lang ?? guess.language;
  // An override that the text contradicts reads the policy with the wrong extractor (an English
  // policy read as Chinese yields nothing): allowed, since the user asked, but never silently.
  if (options.lang && options.lang !== guess.language && !guess.mixed) {
    warnings.push(`the text reads as ${languageName(guess.language)}, but --policy-lang ${options.lang} makes it be read as ${languageName(options.lang)}`);
  }
  const document: PolicyDocument = { source, format, language, blocks };
  if (guess.mixed) document.mixed = true;
  if (guess.script && language === 'zh') document.script = guess.script;
  if (warnings.length > 0) document.warnings = warnings;
  if (title) document.title = title;
  else {
    const first = blocks.find((b) => b.kind === 'heading');
    if (first) document.title = first.text;
  }
  return document;
}
