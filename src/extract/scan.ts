/**
 * Everything the practice rules look at in one sentence: mentions of data types, actions, parties,
 * places and cues, each with its offsets in the lower-cased sentence, and the clause ranges.
 */
import type { PolicyLanguage } from '../model/practice.js';
import { lexicon, type Lexicon, type PhraseTable } from './lexicon.js';
import { findCues, findTable, overlaps, type Mention } from './match.js';
import { refineEnglish } from './scan-en.js';
import { boundaries } from './segment-zh.js';
import { toSimplified } from './simplify.js';

export interface Range { start: number; end: number }

export interface Scan {
  text: string;
  lower: string;
  lang: PolicyLanguage;
  lex: Lexicon;
  clauses: Range[];
  data: Mention[];
  actions: Mention[];
  recipients: Mention[];
  orgs: Mention[];
  places: Mention[];
  negations: Mention[];
  consentNegations: Mention[];
  purposes: Mention[];
  firstParty: Mention[];
  users: Mention[];
  pronouns: Mention[];
  antecedents: Mention[];
  children: Mention[];
  prevention: Mention[];
}

export function normalise(text: string): string {
  // Same length as the input, so offsets in `lower` index the original text too. Traditional
  // Chinese becomes Simplified (same length) so one lexicon matches both scripts.
  const simple = toSimplified(text);
  const lower = simple.toLowerCase().replace(/[’‘`]/g, "'").replace(/[“”]/g, '"');
  return lower.length === simple.length ? lower : simple.replace(/[’‘`]/g, "'");
}

function onBoundaries(ms: Mention[], bounds: Set<number> | null): Mention[] {
  if (bounds === null) return ms;
  return ms.filter((m) => bounds.has(m.start) && bounds.has(m.end));
}

function without(ms: Mention[], blockers: Mention[]): Mention[] {
  return ms.filter((m) => !blockers.some((b) => overlaps(m, b)));
}

/** `defined`: data names the policy defined before this sentence ('… ("Device Data")'). */
export function scanSentence(text: string, lang: PolicyLanguage, defined?: PhraseTable): Scan {
  const lex = lexicon(lang);
  const { cues } = lex;
  const lower = normalise(text);
  const bounds = lang === 'zh' ? boundaries(lower) : null;
  // "https://support.microsoft.com/…cookies": words inside a web address are not the sentence's.
  const urls = findUrls(lower);
  const data = onBoundaries(findTable(lower, lex.dataTypes, lang), bounds).filter((m) => !urls.some((u) => overlaps(u, m))).filter((m) => {
    const blocked = cues.blockedContexts[m.id];
    return !blocked || !findCues(lower, blocked, lang).some((b) => overlaps(b, m));
  });
  if (defined) {
    // The defined name wins over the words inside it ("Delivery Location" is the address it names).
    const names = findTable(lower, defined, lang);
    data.splice(0, data.length, ...data.filter((d) => !names.some((n) => overlaps(n, d))), ...names);
  }
  data.sort((a, b) => a.start - b.start);
  // A verb inside a data term is part of the noun ("生物识别信息", "使用记录", "log data").
  const actions = without(without(findTable(lower, lex.actions, lang), findCues(lower, cues.actionBlockers, lang)), data);
  // Only a sentence that names no specific type: elsewhere the bare noun heads a phrase whose
  // specific types are listed ("information about your device, such as …", "指纹信息").
  if (data.length === 0) data.push(...genericData(lower, lang, lex, bounds));
  removeModifiers(data, lower, cues.nominalHeads);
  // "如您拒绝提供，…", "if you choose not to provide, …": the object is left out and means the
  // information just described; an empty mention after the verb stands for it.
  if (data.length === 0) for (const c of findCues(lower, cues.elidedObjectCues, lang)) data.push({ id: 'personal_info', term: '', start: c.end, end: c.end });
  // "We may email you offers": the verb uses the address it needs; its object is the user, so the
  // data mention sits right after the phrase for the verb to govern.
  const contacts = findCues(lower, Object.keys(cues.contactVerbs ?? {}), lang);
  for (const c of contacts) data.push({ id: cues.contactVerbs![c.term]!, term: '', start: c.end, end: c.end });
  data.sort((a, b) => a.start - b.start);
  const provision = findCues(lower, cues.provisionVerbs, lang)
    .filter((p) => !actions.some((a) => overlaps(a, p)))
    .map((p) => ({ ...p, id: 'collect' }));
  const weak = new Set(cues.weakRecipients);
  const recipients = findTable(lower, lex.recipients, lang).filter((m) => !weak.has(m.term));
  // "passport.baidu.com", "support.google.com/…": a name inside an address is no party.
  const orgs = findTable(lower, lex.organizations, lang).filter((m) => !/[./:@]$/.test(lower.slice(Math.max(0, m.start - 1), m.start)) && !/^\.[a-z]/.test(lower.slice(m.end, m.end + 2)));
  // A verb inside a party's name ("服务提供商", "数据分析服务商") is part of the noun.
  if (lang === 'zh') actions.splice(0, actions.length, ...without(without(actions, recipients), orgs));
  const negations = without(findCues(lower, cues.negations, lang), findCues(lower, cues.negationBlockers, lang));
  if (lang === 'en') {
    const no = /^\s*(?:[-•*]\s*)?no\s/.exec(lower);
    if (no) negations.unshift({ id: 'no', term: 'no', start: no[0].length - 3, end: no[0].length - 1 });
  }
  // "将其用于", "向其提供": 其 after a preposition is an object, not a subject pointing back.
  const antecedents = findCues(lower, cues.antecedentSubjects, lang).filter((m) => lang !== 'zh' || !/[将把向与对给为从]$/.test(lower.slice(Math.max(0, m.start - 1), m.start)));
  // "the ads you click on" names data: its "you" is no subject of the sentence.
  const users = findCues(lower, cues.userSubjects, lang).filter((u) => isSubjectUse(lower, u, lang) && !data.some((d) => overlaps(d, u)));
  const allActions = [...without(actions, contacts), ...provision, ...contacts.map((c) => ({ ...c, id: 'use' }))].sort((a, b) => a.start - b.start);
  const introduced = lang === 'en' ? refineEnglish(lower, data, allActions, negations) : [];
  return {
    text, lower, lang, lex,
    clauses: clauseRanges(lower, cues.clauseBreaks, lang),
    data,
    actions: allActions,
    // "该SDK", "the SDK" point back to a party named before: the antecedent rule reads them.
    recipients: [...without(without(recipients, orgs), antecedents).filter((r) => !headedByOrg(lower, r, orgs)), ...introduced].sort((a, b) => a.start - b.start),
    orgs,
    places: findTable(lower, lex.places, lang),
    negations,
    consentNegations: findCues(lower, cues.consentNegations, lang),
    purposes: findCues(lower, cues.purposeMarkers, lang).filter((m) => lang === 'en' ? !EN_COMPLEMENT.test(lower.slice(Math.max(0, m.start - 24), m.start)) : !ZH_MOVED_OBJECT.test(lower.slice(Math.max(0, m.start - 24), m.start + 2))),
    firstParty: findCues(lower, cues.firstPartySubjects, lang),
    users,
    pronouns: findCues(lower, cues.pronounRefs, lang),
    antecedents,
    children: findCues(lower, cues.childSubjects, lang),
    prevention: findCues(lower, cues.preventionMarkers, lang),
  };
}

const modifierRes = new WeakMap<string[], RegExp>();

/** "收集和使用个人信息的其他规则": a data term modifying a noun about the practice is no object. */
function removeModifiers(data: Mention[], lower: string, heads: string[]): void {
  // "共享个人信息的情形如下：" leads a list whose items state the practice: it keeps its object.
  if (heads.length === 0 || /如下|以下|下列|包括|[:：]/.test(lower)) return;
  let re = modifierRes.get(heads);
  if (!re) modifierRes.set(heads, (re = new RegExp(`^的[^，。；、,]{0,4}?(?:${heads.join('|')})`)));
  for (let i = data.length - 1; i >= 0; i--) if (re.test(lower.slice(data[i]!.end, data[i]!.end + 12))) data.splice(i, 1);
}

function findUrls(lower: string): Range[] {
  const out: Range[] = [];
  for (const m of lower.matchAll(/(?:https?:\/\/|www\.)[^\s，。；、（）()“”"]+/g)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** "you will be required to provide", "asked to enter": the infinitive is the verb's complement, not a purpose. */
const EN_COMPLEMENT = /\b(?:(?:required|asked|requested|prompted|invited|ask|asks|require|requires|request|requests|invite|invites|prompt|prompts)\s+(?:(?:you|users|the user|customers)\s+)?|(?:need|needs|choose|chooses|elect|elects|want|wish|wishes|decide|decides|agree|agrees|have|has|opportunity|opportunities|option|options|ability|chance)\s+)$/;

/** "将其用于其他目的", "将您的手机号码用于…": after a 将-object, 用于 is the main verb, not a purpose. */
const ZH_MOVED_OBJECT = /(?:将|把)[^，。；,]{0,22}用于$/;

const APPOSITION = /^\s*,\s*(?:our|an?|the|its)\s+(?:[a-z-]+\s+)?$/;

/** "友盟SDK", "Baidu Maps SDK": a category word right after a named organisation is that organisation. */
function headedByOrg(lower: string, r: Mention, orgs: Mention[]): boolean {
  // "Adjust, our attribution partners": an apposition names the same party.
  return orgs.some((o) => o.end <= r.start && r.start - o.end <= 30 && (APPOSITION.test(lower.slice(o.end, r.start)) || (r.start - o.end <= 16 && !/[,，.。;；:：、()（）]/.test(lower.slice(o.end, r.start)))));
}

/**
 * Bare data nouns ("information", "信息", "充值信息") that name no ontology type: personal_info, so
 * "we collect information from you" and "收集您的行外资产信息" are statements. Blocked phrases
 * ("for more information", "信息安全") are not data.
 */
function genericData(lower: string, lang: PolicyLanguage, lex: Lexicon, bounds: Set<number> | null): Mention[] {
  const blocked = findCues(lower, lex.cues.genericBlockers, lang);
  return findCues(lower, lex.cues.genericData, lang)
    .filter((m) => !blocked.some((b) => overlaps(b, m)))
    // Chinese: the noun must end a word ("信息流" is a feed, not data).
    .filter((m) => bounds === null || bounds.has(m.end))
    .map((m) => ({ ...m, id: 'personal_info' }));
}

/** "您的", "向您", "to you" are not the user acting. */
function isSubjectUse(lower: string, m: Mention, lang: PolicyLanguage): boolean {
  if (lang === 'zh') {
    if (lower[m.end] === '的') return false;
    // "在您授权同意后获取…": the user is the subject of the consent, not of the verb after it.
    if (/^(?:明确|主动|单独)?(?:授权|同意|允许)/.test(lower.slice(m.end, m.end + 6))) return false;
    return !/[向为给与对使让帮助将把]$/.test(lower.slice(Math.max(0, m.start - 2), m.start));
  }
  return !/\b(?:to|with|for|from|about|help|allow|let|enable|ask|send|show|give|provide|contact|notify|remind|offer|serve|tell|inform|email|e-mail|call|text|mail)\s+$/.test(lower.slice(Math.max(0, m.start - 12), m.start));
}

function clauseRanges(lower: string, breaks: string[], lang: PolicyLanguage): Range[] {
  const cuts = findCues(lower, breaks, lang).map((m) => m.start).filter((s) => s > 0);
  const out: Range[] = [];
  let start = 0;
  for (const c of cuts) {
    if (c > start) out.push({ start, end: c });
    start = c;
  }
  out.push({ start, end: lower.length });
  return out;
}

export const inRange = (r: Range) => (m: Range) => m.start >= r.start && m.end <= r.end;
