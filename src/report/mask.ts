/**
 * Masking: a report must not leak the personal data it found. Values keep just enough to be
 * recognised by the tester who knows them (`138****5678`, `jan***@example.org`), and every form a
 * value was found in (URL-encoded, base64, hex, upper or lower case) is masked wherever it appears:
 * evidence URLs, warnings, input errors.
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

import { wellFormed } from './text-safety.js';

/** Values shorter than this are not searched for in text (they would match by chance). */
const MIN_VALUE = 3;
/** Encoded forms are searched only for values at least this long (a short value's base64 is noise). */
const MIN_ENCODED = 6;

/**
 * A report masks the same few values in thousands of evidence URLs: each value's forms are made
 * once (bounded; cleared when full).
 */
const formsOf = new Map<string, string[]>();
const FORMS_KEPT = 20_000;

/** The forms a value may take in a URL, header or message: as given, case-folded, URL-encoded, base64, hex. */
export function valueForms(value: string): string[] {
  let forms = formsOf.get(value);
  if (!forms) {
    if (formsOf.size >= FORMS_KEPT) formsOf.clear();
    formsOf.set(value, (forms = computeForms(value)));
  }
  return forms;
}

function computeForms(value: string): string[] {
  const forms = [value];
  // encodeURIComponent throws on a lone surrogate: such a value has no URL-encoded form to find.
  const urlEncoded = wellFormed(value) === value ? encodeURIComponent(value) : undefined;
  if (urlEncoded) forms.push(urlEncoded, urlEncoded.replace(/%20/g, '+'));
  if (value.length >= MIN_ENCODED) {
    const bytes = Buffer.from(value, 'utf8');
    const base64 = bytes.toString('base64');
    const hex = bytes.toString('hex');
    forms.push(
      value.toLowerCase(), value.toUpperCase(), base64, base64.replace(/=+$/, ''), bytes.toString('base64url'),
      encodeURIComponent(base64), hex, hex.toUpperCase(),
    );
  }
  return [...new Set(forms)].filter((f) => f.length >= MIN_VALUE);
}

/** Replaces every occurrence of the given values, in every form (valueForms), by their masks. */
export function maskIn(text: string, values: Iterable<string>): string {
  return maskerFor(values)(text);
}

/** maskIn() for several texts with the same values: the forms are gathered and ordered once. */
export function maskerFor(values: Iterable<string>): (text: string) => string {
  // An app sends the same identifiers in request after request: one masker per set of values.
  const list = [...values];
  const key = list.join('\0');
  let masker = maskers.get(key);
  if (!masker) {
    if (maskers.size >= FORMS_KEPT) maskers.clear();
    maskers.set(key, (masker = makeMasker(list)));
  }
  return masker;
}

const maskers = new Map<string, (text: string) => string>();

function makeMasker(values: string[]): (text: string) => string {
  const unique = new Set<string>();
  for (const value of values) if (value.length >= MIN_VALUE) for (const form of valueForms(value)) unique.add(form);
  if (unique.size === 0) return (text) => text;
  // Longest first: a value's mask must not leave a longer form around it half-masked.
  const forms = [...unique].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(maskValue(form));
    return out;
  };
}

/**
 * A warning or input error made safe to show: known values masked in every form, the input
 * snippet V8 quotes in JSON syntax errors dropped, and anything that looks like an identifier
 * (a long digit run, an e-mail address) masked even when no detector named it.
 */
export function maskMessage(text: string, values: Iterable<string> = []): string {
  return maskIn(text, values)
    .replace(/,? ?"(?:[^"\\]|\\.)*"(?:\.\.\.)? is not valid JSON/g, ' (input not shown) is not valid JSON')
    .replace(/\+?\d[\d -]{9,}\d/g, (run) => (run.replace(/\D/g, '').length >= 11 ? maskValue(run) : run))
    .replace(/[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi, (email) => maskValue(email));
}
