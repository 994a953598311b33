/**
 * HTML escaping for untrusted report text (captured URLs, hosts, values, policy sentences).
 * Every interpolation in the HTML report goes through `esc`, in text and in double-quoted attributes alike.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for element content and for double-quoted attribute values. */
export function esc(value: string | number): string {
  // C0 controls (except tab/newline) and lone surrogates have no business in a report; drop them.
  return String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"'`]/g, (c) => ENTITIES[c] as string);
}

/** Shortens text to `max` characters (before escaping), with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A safe token for a data-* attribute used by the filter script: lower-case, no spaces. */
export function token(value: string): string {
  return value.toLowerCase().replace(/\s+/g, '_');
}
