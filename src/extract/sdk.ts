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
  // Without a data field, "使用目的：通过获取位置信息校正地域分布" names what the SDK gets.
  const listed = rec.data ?? rec.purpose;
  if (!listed) return [];
  const lex = lexicon(lang);
  const party = [rec.provider, rec.name].map((t) => (t ? findTable(normalise(t), lex.organizations, lang)[0] : undefined)).find((m) => m);
  const org = party ? lex.orgById.get(party.id) : undefined;
  const organization = org?.id ?? cleanName(rec.provider ?? rec.name);
  const types = [...new Set(findTable(normalise(listed), lex.dataTypes, lang).map((m) => m.id))];
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

/** A block as the SDK readers see it (the loader's Block without its section). */
export interface SdkBlockLike { kind: string; text: string; cells?: string[]; location: string; section: string[] }

const CELL_SEPARATOR = /^\s*\|\s*$/;
const ROW_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/;
const LINK_ONLY = /^\s*(?:\[[^\]]*\]\([^)]*\)|<?https?:\/\/\S+>?|www\.\S+)\s*$/i;

/**
 * A table written one cell per line, cells separated by lines holding only "|" and the header
 * closed by "---|---|---" (how some policies' tables reach plain text): each run of cells becomes
 * one table_row block, so the SDK table reader sees rows. A link on its own line right after a
 * row's last cell belongs to that cell. Other blocks pass through unchanged.
 */
export function joinCellLines<B extends SdkBlockLike>(blocks: B[]): B[] {
  const out: B[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (!CELL_SEPARATOR.test(blocks[i + 1]?.text ?? '') || CELL_SEPARATOR.test(b.text)) {
      // The "---|---" line under a header: nothing to read.
      if (ROW_DELIMITER.test(b.text) && out[out.length - 1]?.kind === 'table_row') continue;
      out.push(b);
      continue;
    }
    const cells = [b.text.trim()];
    let j = i + 1;
    while (CELL_SEPARATOR.test(blocks[j]?.text ?? '') && blocks[j + 1] && !CELL_SEPARATOR.test(blocks[j + 1]!.text)) {
      cells.push(blocks[j + 1]!.text.trim());
      j += 2;
    }
    while (blocks[j] && LINK_ONLY.test(blocks[j]!.text)) cells[cells.length - 1] += ` ${blocks[j++]!.text.trim()}`;
    out.push({ ...b, kind: 'table_row', text: cells.join(' | '), cells, section: b.section });
    i = j - 1;
  }
  return out;
}

/** One SDK described over several blocks, with the blocks' text joined as its evidence. */
export interface SdkFieldRecord { rec: SdkRecord; text: string; location: string; section: string[] }

/** An unread key ("SDK官网：", "隐私政策链接：") or a bare link inside a record: part of it, not a statement. */
const OTHER_KEY = /^[\s\d.、．)）(（]*[^\s：:，。；,;]{1,12}[：:]/;

/**
 * The regulator-recommended SDK list written one field per line or per two-cell row
 * ("SDK名称：友盟+SDK" / "公司名称：…" / "使用目的：…" / "收集的个人信息：…"): the lines of one SDK
 * make one record. Feed every block in order; finished records come back when the next SDK
 * starts, when a block that is no field follows, and from end().
 */
export class SdkFieldReader {
  private current: SdkFieldRecord | undefined;

  /** consumed: the block is a field of an SDK record (not a statement of its own). */
  read(block: SdkBlockLike): { consumed: boolean; done: SdkFieldRecord[] } {
    const field = fieldOf(block);
    const done: SdkFieldRecord[] = [];
    if (field) {
      const cur = this.current;
      // A new name, or a field the record already has, starts the next SDK.
      if (cur && (cur.rec[field.role] !== undefined || (field.role === 'name' && (cur.rec.name || cur.rec.data)))) done.push(...this.end());
      if (!this.current) {
        // A data line alone ("收集的信息：设备信息") is no SDK record: it may be our own collection.
        if (field.role !== 'name' && field.role !== 'provider') return { consumed: false, done };
        this.current = { rec: {}, text: '', location: block.location, section: block.section };
      }
      this.current.rec[field.role] = field.value;
      this.current.text += (this.current.text ? '；' : '') + block.text.trim();
      return { consumed: true, done };
    }
    if (this.current && (OTHER_KEY.test(block.text) && block.text.length <= 200 || LINK_ONLY.test(block.text)) && recordFromText(block.text) === null) {
      return { consumed: true, done };
    }
    done.push(...this.end());
    return { consumed: false, done };
  }

  end(): SdkFieldRecord[] {
    const cur = this.current;
    this.current = undefined;
    return cur && (cur.rec.name || cur.rec.provider) ? [cur] : [];
  }
}

/** The one SDK field a line or a two-cell row holds, or undefined. */
function fieldOf(block: SdkBlockLike): { role: Column; value: string } | undefined {
  if (block.cells?.length === 2) {
    const role = keyRole(block.cells[0]!);
    const value = block.cells[1]!.trim();
    return role && value ? { role, value } : undefined;
  }
  if (block.text.length > 300 || block.text.includes('\n')) return undefined;
  const rec = recordFromText(block.text);
  if (!rec) return undefined;
  const roles = (Object.keys(rec) as Column[]).filter((k) => rec[k]);
  if (roles.length !== 1) return undefined;
  // The key opens the line ("1. 使用SDK名称：…"): a sentence that merely contains a colon is no field.
  const key = /^[\s\d.、．)）(（]*[^：:]{0,16}[：:]/.exec(normalise(block.text));
  if (!key || keyRole(key[0].replace(/^[\s\d.、．)）(（]+/, '')) !== roles[0]) return undefined;
  return { role: roles[0]!, value: rec[roles[0]!]! };
}

/** The role of a key such as "收集的个人信息的类型/字段：" or a key cell "SDK名称". */
function keyRole(key: string): Column | undefined {
  const k = normalise(key).replace(/[：:\s]+$/, '');
  if (k.length > 20) return undefined;
  const roles = Object.entries(noticeFile().sdkKeyValue) as [Column, string[]][];
  let best: { role: Column; len: number } | undefined;
  for (const [role, ks] of roles) for (const w of ks) if (k.includes(w) && (!best || w.length > best.len)) best = { role, len: w.length };
  return best?.role;
}
