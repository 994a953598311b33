/**
 * Third-party SDK lists: table rows (a header row names the columns) and the key-value form many
 * Chinese policies use ("SDK名称：…；第三方主体：…；收集个人信息：…；使用目的：…"). Each SDK's
 * data types become collect practices with its provider as actor.
 */
import type { Evidence, PolicyLanguage, Practice } from '../model/practice.js';
import { lexicon } from './lexicon.js';
import { findTable } from './match.js';
import { noticeFile } from './notice.js';
import { normalise } from './scan.js';
import { escapeRegExp } from '../escape-regexp.js';

export type Column = 'name' | 'provider' | 'data' | 'purpose';

export interface SdkRecord { name?: string; provider?: string; data?: string; purpose?: string }

/** Column roles from a header row, or null when the row is not a header. */
export function headerColumns(cells: string[]): (Column | undefined)[] | null {
  const headers = noticeFile().sdkHeaders;
  const roles = cells.map((c) => {
    const l = normalise(c.trim());
    // Exact-ish header words only: a data cell mentioning "purpose" must not turn into a header.
    if (l.length > 24) return undefined;
    for (const role of ['provider', 'data', 'purpose', 'name'] as Column[]) {
      if ((headers[role] ?? []).some((h) => l === h || (h.length >= 2 && l.includes(h) && l.length <= h.length + 8))) return role;
    }
    return undefined;
  });
  const known = roles.filter((r) => r !== undefined);
  return known.length >= 2 && roles.includes('data') ? roles : null;
}

export function recordFromRow(cells: string[], roles: (Column | undefined)[]): SdkRecord {
  const rec: SdkRecord = {};
  cells.forEach((c, i) => {
    const role = roles[i];
    if (role && c.trim()) rec[role] = rec[role] ? `${rec[role]} ${c.trim()}` : c.trim();
  });
  return rec;
}

/** The key patterns, longest key first, compiled once: this runs for every sentence of a policy. */
let keyPatterns: { role: Column; re: RegExp }[] | undefined;

function patterns(): { role: Column; re: RegExp }[] {
  keyPatterns ??= Object.entries(noticeFile().sdkKeyValue)
    .flatMap(([role, ks]) => ks.map((k) => ({ role: role as Column, k })))
    .sort((a, b) => b.k.length - a.k.length)
    // "收集的个人信息的类型/字段：": a key may carry a short qualifier before its colon.
    .map(({ role, k }) => ({ role, re: new RegExp(`${escapeRegExp(k)}[^:：；;，,。\\s]{0,8}\\s*[:：]`, 'g') }));
  return keyPatterns;
}

/** Key-value SDK description inside one text ("SDK名称：友盟；收集信息：IMEI"), or null. */
export function recordFromText(text: string): SdkRecord | null {
  // Every key ends in a colon: most sentences have none and are no record.
  if (!text.includes(':') && !text.includes('：')) return null;
  const lower = normalise(text);
  const hits: { role: Column; at: number; valueAt: number }[] = [];
  for (const { role, re } of patterns()) {
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      if (hits.some((h) => m!.index >= h.at && m!.index < h.valueAt)) continue;
      hits.push({ role, at: m.index, valueAt: m.index + m[0].length });
    }
  }
  if (hits.length === 0) return null;
  hits.sort((a, b) => a.at - b.at);
  const rec: SdkRecord = {};
  hits.forEach((h, i) => {
    const end = hits[i + 1]?.at ?? text.length;
    // A label we do not read ("SDK官网：…") or a run of spaces ends the value as well.
    const value = text.slice(h.valueAt, end).replace(/(?:\s{2,}|\s*[^\s:：；;，,。]{1,10}[:：](?!\/\/)).*$/s, '').replace(/[；;，,。\s]+$/, '').trim();
    if (value && !rec[h.role]) rec[h.role] = value;
  });
  return rec;
}

/** Practices of one SDK: provider (organisation id when known) as actor, action collect. */
export function sdkPractices(rec: SdkRecord, lang: PolicyLanguage, evidence: Evidence): Practice[] {
  if (!rec.data) return [];
  const lex = lexicon(lang);
  const party = [rec.provider, rec.name].map((t) => (t ? findTable(normalise(t), lex.organizations, lang)[0] : undefined)).find((m) => m);
  const org = party ? lex.orgById.get(party.id) : undefined;
  const organization = org?.id ?? cleanName(rec.provider ?? rec.name);
  const types = [...new Set(findTable(normalise(rec.data), lex.dataTypes, lang).map((m) => m.id))];
  return types.map((dataType) => ({
    actor: org?.category ?? 'third_party',
    ...(organization ? { organization } : {}),
    action: 'collect' as const,
    dataType,
    negated: false,
    ...(rec.purpose ? { purpose: rec.purpose.slice(0, 200) } : {}),
    evidence,
  }));
}

function cleanName(s: string | undefined): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, 120) : undefined;
}
