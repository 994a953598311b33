/** Decide which loader reads a document: magic bytes, then the declared content type, then the file extension, then the content. */
export type Format = 'html' | 'pdf' | 'text' | 'markdown';

const BY_TYPE: Record<string, Format> = {
  'application/pdf': 'pdf',
  'application/x-pdf': 'pdf',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
};

const BY_EXTENSION: Record<string, Format> = {
  '.pdf': 'pdf',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
};

function isPdf(bytes: Uint8Array): boolean {
  // %PDF- may follow a little junk; the spec allows it within the first 1024 bytes.
  return new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-');
}

function looksLikeHtml(head: string): boolean {
  const start = head.replace(/^\ufeff/u, '').trimStart().slice(0, 512).toLowerCase();
  if (/^<(?:!doctype html|html|\?xml[^>]*>\s*<(?:!doctype html|html))/u.test(start)) return true;
  return (head.match(/<(?:p|div|br|body|span|li|h[1-6]|table|strong)\b[^>]*>/giu)?.length ?? 0) >= 3;
}

function looksLikeMarkdown(head: string): boolean {
  return /^#{1,6}\s+\S/mu.test(head) || /^\s*\|?\s*:?-{3,}:?\s*\|/mu.test(head) || /^.+\n=+\s*$/mu.test(head);
}

function extension(source: string): string {
  const path = source.replace(/[?#].*$/u, '');
  const match = /\.[A-Za-z0-9]+$/u.exec(path.slice(path.lastIndexOf('/') + 1));
  return match ? match[0].toLowerCase() : '';
}

export function chooseFormat(bytes: Uint8Array, source: string, contentType?: string): Format {
  if (isPdf(bytes)) return 'pdf';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 8192));
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  const declared = (mime && BY_TYPE[mime]) ?? BY_EXTENSION[extension(source)];
  // Servers label Markdown and even HTML as text/plain; only a plain-text label is worth second-guessing.
  if (declared && declared !== 'text') return declared;
  if (looksLikeHtml(head)) return 'html';
  if (declared === 'text') return 'text';
  return looksLikeMarkdown(head) ? 'markdown' : 'text';
}

/** The charset parameter of a Content-Type header. */
export function contentTypeCharset(contentType: string | undefined): string | undefined {
  return contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/iu.exec(contentType)?.[1] : undefined;
}

/**
 * Could these first bytes start a capture? Pcap and pcapng magic, a JSON object (HAR, JSON Lines),
 * a tnetstring length (mitmproxy) or a zlib header (.zhar). Policies rarely start so, and the
 * capture readers (large modules) are loaded only for those that do.
 */
function mightBeCapture(bytes: Uint8Array): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const first = bytes[start];
  if (first === undefined) return false;
  return first === 0x7b || (first >= 0x30 && first <= 0x39) || first === 0x78 || first === 0x0a || first === 0xd4 || first === 0xa1 || first === 0x4d;
}

const CAPTURE_NAMES: Record<string, string> = { pcap: 'a pcap capture', pcapng: 'a pcapng capture', har: 'a HAR capture', mitmproxy: 'a mitmproxy flow dump', jsonl: 'a JSON Lines flow capture' };

/** What these bytes sniff as when they are a capture given where a policy belongs ("a pcap capture"), or undefined. */
export async function captureFormatOf(bytes: Uint8Array, name: string): Promise<string | undefined> {
  if (!mightBeCapture(bytes)) return undefined;
  const { readers } = await import('../observe/readers.js');
  const head = bytes.subarray(0, 64 * 1024);
  const format = readers.find((r) => r.sniff(head, name))?.format;
  return format ? (CAPTURE_NAMES[format] ?? `a ${format} capture`) : undefined;
}
