/**
 * Notice elements (PRODUCT.md ids, data/ontology.json noticeElements) found in a sentence, with
 * the value a reader wants when the element has one: a place, a period, an e-mail, a date.
 */
import type { Evidence, NoticeEntry, PolicyLanguage } from '../model/practice.js';
import { readDataFile } from '../vocab/data-file.js';
import { ontology } from '../vocab/ontology.js';
import { lexicon } from './lexicon.js';
import { findCues, findTable } from './match.js';
import { normalise } from './scan.js';
import { zhNoticeRefine } from './notice-zh.js';

interface NoticeFile {
  extraCues: Record<string, Record<PolicyLanguage, string[]>>;
  sdkHeaders: Record<string, string[]>;
  sdkKeyValue: Record<string, string[]>;
  /** Verbs that, with a period ("for 5 years", "30日"), state how long data is kept. */
  retentionVerbs: Record<PolicyLanguage, string[]>;
}

let file: NoticeFile | undefined;
export function noticeFile(): NoticeFile {
  file ??= readDataFile<NoticeFile>('data', 'extract', 'notice.json');
  return file;
}

const cueCache = new Map<PolicyLanguage, [string, string[]][]>();
function elementCues(lang: PolicyLanguage): [string, string[]][] {
  let hit = cueCache.get(lang);
  if (!hit) {
    const extra = noticeFile().extraCues;
    hit = ontology().file.noticeElements
      .map((n): [string, string[]] => [n.id, [...n.cues[lang], ...(extra[n.id]?.[lang] ?? [])].map((c) => c.toLowerCase())])
      .filter(([, cues]) => cues.length > 0);
    cueCache.set(lang, hit);
  }
  return hit;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const DATE_EN = /\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4})\b/i;
const DATE_ZH = /\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/;
const PERIOD_EN = /\b(?:\d+|one|two|three|four|five|six|seven|ten|twelve|eighteen|twenty-four|thirty|sixty|ninety)\s+(?:calendar\s+)?(?:days?|weeks?|months?|years?)\b|as long as (?:is |it is )?(?:necessary|needed|required)/i;
const PERIOD_ZH = /(?:\d+|[一二三四五六七八九十百两]+)\s*(?:个)?(?:自然日|工作日|天|日|周|个月|月|年)|最短时间|必要的期限|所必需的期限/;

function valueFor(element: string, text: string, lower: string, lang: PolicyLanguage): string | undefined {
  switch (element) {
    case 'controller_contact':
    case 'dpo_contact':
      return EMAIL.exec(text)?.[0];
    case 'policy_date':
      return (lang === 'en' ? DATE_EN : DATE_ZH).exec(text)?.[0];
    case 'retention_period':
      return (lang === 'en' ? PERIOD_EN : PERIOD_ZH).exec(text)?.[0];
    case 'international_transfer':
      return placeOf(lower, lang, true);
    default:
      return undefined;
  }
}

const OUTSIDE_BEFORE = /\b(?:outside|beyond|out of)\s+(?:of\s+)?(?:the\s+)?$/;
const OUTSIDE_AFTER = /^(?:以外|之外)/;

/**
 * The place a data-location sentence names (ISO code, EU or EEA); "境内" alone means China.
 * With `whereKept`, a place only bounding the transfer ("outside the EEA", "欧盟以外") is not
 * where the data is: it gives no value.
 */
export function placeOf(lower: string, lang: PolicyLanguage, whereKept = false): string | undefined {
  const found = findTable(lower, lexicon(lang).places, lang);
  const kept = whereKept
    ? found.filter((m) => !(lang === 'en' ? OUTSIDE_BEFORE.test(lower.slice(Math.max(0, m.start - 20), m.start)) : OUTSIDE_AFTER.test(lower.slice(m.end, m.end + 2))))
    : found;
  return kept[0]?.id;
}

/** True when a data-location sentence says data stays where it is ("not transferred outside", "不会出境"). */
export function saysStays(lower: string, lang: PolicyLanguage): boolean {
  return findCues(lower, lexicon(lang).stays, lang).length > 0;
}

export function noticeFromSentence(text: string, lang: PolicyLanguage, evidence: Evidence): NoticeEntry[] {
  const lower = normalise(text);
  const out: NoticeEntry[] = [];
  for (const [element, cues] of elementCues(lang)) {
    if (findCues(lower, cues, lang).length === 0) continue;
    const value = valueFor(element, text, lower, lang);
    // A data-location cue with no place and no "abroad" word is usually about something else ("located in the menu").
    if (element === 'international_transfer' && value === undefined && placeOf(lower, lang) === undefined && !lexicon(lang).abroad.some((w) => lower.includes(w))) continue;
    out.push({ element, evidence, ...(value ? { value } : {}) });
  }
  // "We keep order data for 5 years", "订单信息保存3年": a keeping verb with a period.
  if (!out.some((n) => n.element === 'retention_period')) {
    const period = (lang === 'en' ? PERIOD_EN : PERIOD_ZH).exec(text)?.[0];
    if (period && findCues(lower, noticeFile().retentionVerbs[lang], lang).length > 0) out.push({ element: 'retention_period', evidence, value: period });
  }
  return lang === 'zh' ? zhNoticeRefine(text, out, evidence) : out;
}
