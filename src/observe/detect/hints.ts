/**
 * Key-name hints: which data types a key such as `imei`, `google_advertising_id` or `手机号` suggests.
 * The hint lists are the `keys` of data/ontology.json, so the policy side and the traffic side share them.
 */
import { ontology } from '../../vocab/ontology.js';
import type { Field } from './detector.js';

/** Lower-case, letters/digits/CJK only: `Google-Advertising_ID` → `googleadvertisingid`. */
export function normKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]/g, '');
}

/** Words of a key: `clientIp` → [client, ip], `lat_val` → [lat, val]. */
export function keyTokens(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9\u4e00-\u9fff]+/)
    .filter((t) => t !== '');
}

interface Hint {
  hint: string;
  type: string;
  /** Hints of a type with children (`device_id`: uuid, did) are generic words: whole keys only. */
  exact: boolean;
}

let table: Hint[] | undefined;

function hintTable(): Hint[] {
  if (!table) {
    const entries = [...ontology().dataTypes.values()];
    const parents = new Set(entries.map((e) => e.parent));
    table = entries.flatMap((e) => (e.keys ?? []).map((k) => ({ hint: normKey(k), type: e.id, exact: parents.has(e.id) })));
  }
  return table;
}

/** Does the hint name this key? Exact, or as a whole word, or (long hints only) as a prefix/suffix. */
function hintMatches(h: Hint, key: string, tokens: string[]): boolean {
  const hint = h.hint;
  if (hint === '' || key === '') return false;
  if (key === hint) return true;
  if (h.exact) return false;
  if (tokens.includes(hint)) return true;
  return hint.length >= 5 && (key.endsWith(hint) || key.startsWith(hint));
}

/** Keys repeat across fields and flows; the table scan is done once per (parent, key). */
const memo = new Map<string, Set<string>>();
const MEMO_LIMIT = 50_000;

/** Data types the field's key (alone or with its parent key: `device` + `id`) hints at. */
let lastKey: string | undefined;
let lastParent: string | undefined;
let lastHints: Set<string> | undefined;

export function hintedTypes(field: Pick<Field, 'key' | 'parent'>): ReadonlySet<string> {
  // Every detector asks for the same field in turn: the last answer saves building the memo key.
  if (lastHints && field.key === lastKey && field.parent === lastParent) return lastHints;
  const hints = hintsOf(field);
  lastKey = field.key;
  lastParent = field.parent;
  lastHints = hints;
  return hints;
}

function hintsOf(field: Pick<Field, 'key' | 'parent'>): Set<string> {
  const memoKey = `${field.parent ?? ''}\0${field.key}`;
  const cached = memo.get(memoKey);
  if (cached) return cached;
  const out = new Set<string>();
  const key = normKey(field.key);
  const tokens = keyTokens(field.key);
  const joined = field.parent ? normKey(field.parent) + key : '';
  for (const h of hintTable()) {
    if (hintMatches(h, key, tokens) || (joined !== '' && joined === h.hint)) out.add(h.type);
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, out);
  return out;
}

/** True when the field's key hints at `type`. */
export function hinted(field: Pick<Field, 'key' | 'parent'>, type: string): boolean {
  return hintedTypes(field).has(type);
}

/** True when any segment of the field's location (its keys, its enclosing keys) hints at `type`. */
export function pathHinted(where: string, type: string): boolean {
  return where
    .split(/[.[\]'$]+/)
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .some((segment) => hinted({ key: segment }, type));
}
