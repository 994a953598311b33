/**
 * HTML escaping for untrusted report text (captured URLs, hosts, values, policy sentences).
 * Every interpolation in the HTML report goes through `esc`, in text and in double-quoted attributes alike.
 * Hidden characters (controls, bidi overrides, zero-width, lone surrogates) are shown as `\uXXXX`.
 */
import { visible } from '../text-safety.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for element content and for double-quoted attribute values. */
export function esc(value: string | number): string {
  return visible(String(value), true)
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
