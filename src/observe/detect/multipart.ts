/** multipart/form-data (RFC 7578) split into named parts; file parts keep their bytes as text only when printable. */
import { bytesToText, inflate } from './unwrap.js';

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  /** The part's body as text, when it is text (or gzip'd text). */
  text?: string;
}

export function boundaryOf(contentTypeHeader: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentTypeHeader);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Parts of a multipart body; [] when the boundary is missing or never appears. */
export function multipartParts(bytes: Uint8Array, contentTypeHeader: string): Part[] {
  const boundary = boundaryOf(contentTypeHeader);
  if (!boundary) return [];
  // latin1 keeps one char per byte, so part bodies can be sliced back out as bytes.
  const raw = Buffer.from(bytes).toString('latin1');
  const chunks = raw.split(`--${boundary}`);
  const parts: Part[] = [];
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const split = chunk.indexOf('\r\n\r\n');
    const sep = split >= 0 ? 4 : 2;
    const headEnd = split >= 0 ? split : chunk.indexOf('\n\n');
    if (headEnd < 0) continue;
    // Part headers are UTF-8 in practice (RFC 7578 §5.1); re-read them as such.
    const head = Buffer.from(chunk.slice(0, headEnd), 'latin1').toString('utf8');
    let body = chunk.slice(headEnd + sep);
    body = body.replace(/\r?\n$/, '');
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const contentType = /content-type:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim().toLowerCase();
    let data: Uint8Array = Buffer.from(body, 'latin1');
    data = inflate(data) ?? data;
    const text = bytesToText(data);
    const printable = !/[\x00-\x08\x0e-\x1f]|\ufffd/.test(text);
    parts.push({ name, filename, contentType, text: printable ? text : undefined });
  }
  return parts;
}
