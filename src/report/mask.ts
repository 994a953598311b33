/**
 * Masking: a report must not leak the personal data it found. Values keep just enough to be
 * recognised by the tester who knows them (`138****5678`, `jan***@example.org`).
 */
export function maskValue(value: string): string {
  const email = /^([^@\s]{1,64})@([^@\s]+)$/.exec(value);
  if (email) {
    const local = email[1] as string;
    return `${local.slice(0, Math.min(3, Math.max(1, local.length - 1)))}***@${email[2]}`;
  }
  const compact = value.replace(/[\s-]/g, '');
  if (/^\+?\d{7,}$/.test(compact)) {
    // Phone-like and numeric identifiers: keep the first 3 and the last 4 digits.
    return `${compact.slice(0, 3)}${'*'.repeat(Math.max(4, compact.length - 7))}${compact.slice(-4)}`;
  }
  if (value.length <= 4) return '*'.repeat(value.length);
  if (value.length <= 8) return `${value.slice(0, 1)}${'*'.repeat(value.length - 2)}${value.slice(-1)}`;
  const keep = Math.min(4, Math.floor(value.length / 4));
  return `${value.slice(0, keep)}${'*'.repeat(Math.min(16, value.length - 2 * keep))}${value.slice(-keep)}`;
}

/** Replaces every occurrence of the given values (and their URL-encoded forms) in `text` by their masks. */
export function maskIn(text: string, values: Iterable<string>): string {
  let out = text;
  const sorted = [...new Set(values)].filter((v) => v.length >= 3).sort((a, b) => b.length - a.length);
  for (const value of sorted) {
    const masked = maskValue(value);
    for (const form of new Set([value, encodeURIComponent(value)])) out = out.split(form).join(masked);
  }
  return out;
}
