/**
 * Who performs a verb of a policy sentence: the first party, the user, or a named or described third
 * party (with "we and our partners" both acting), and the roles of party mentions around a verb
 * (recipient after "with/to/向", agent after "by/由", a relative "who/由其" for the party just named).
 */
import type { Mention } from './match.js';
import { inRange, type Range, type Scan } from './scan.js';
import { enComplementThat, enControlGap, enImperative, enInnerSubject, enListedAfter, enRelative } from './rules-en.js';
import { givenToUs, isPublicDisplay } from './scan-en.js';

export interface Party { actor: string; organization?: string; /** "We and our partners …": the first party acts too. */ withFirst?: boolean }

/** Placeholder actor for "it / they / 该SDK": replaced by the party named before, or dropped. */
export const ANTECEDENT = 'antecedent';

export type Subject = 'first' | 'user' | Party;

const EN_AUX = /^\s+(?:(?:does|do|did|will|would|may|might|can|could|also|only|never|not|n't|cannot|automatically|itself|themselves)\s*)*$/;
const ZH_AUX = /^(?:不会|不|将|会|可能|也|仅|还|并|未|均|都|亦)*$/;

/** "It does not receive", "该SDK不会收集": a pronoun standing right before the verb as its subject. */
export function antecedentBefore(scan: Scan, clause: Range, verb: Mention): Mention | undefined {
  return scan.antecedents
    .filter((p) => p.start >= clause.start && p.end <= verb.start)
    .filter((p) => (scan.lang === 'en' ? EN_AUX : ZH_AUX).test(scan.lower.slice(p.end, verb.start)) || zhPivot(scan, p, verb) || (scan.lang === 'en' && enControlGap(scan.lower.slice(p.end, verb.start))))
    .pop();
}

/** "我们已要求其仅在您主动粘贴时读取": the party we require or allow to act is the embedded verb's subject. */
function zhPivot(scan: Scan, p: Mention, verb: Mention): boolean {
  return scan.lang === 'zh' && /(?:要求|让|令|允许|督促|确保)$/.test(scan.lower.slice(Math.max(0, p.start - 2), p.start)) && !/[，,。；;]/.test(scan.lower.slice(p.end, verb.start));
}


export function partyOf(scan: Scan, m: Mention): Party {
  const org = scan.lex.orgById.get(m.id);
  return org ? { actor: org.category, organization: org.id } : { actor: m.id };
}

// "…, who process it", "served by third-party companies, which may collect …" (a "which" after a comma refers to the party too).
const EN_WHO = /(?:,?\s*\bwho|,\s*which)\s+(?:(?:may|might|can|could|will|would|must|shall|also|then|only|in turn)\s+)*$/;
const ZH_BY_THEM = /由其[^，。；]{0,30}$/;

/** The party a relative "who" / 由其 right before the verb stands for: the last party named before it. */
function relativeParty(scan: Scan, verb: Mention): Mention | undefined {
  const lead = scan.lower.slice(Math.max(0, verb.start - 60), verb.start);
  const m = (scan.lang === 'en' ? EN_WHO : ZH_BY_THEM).exec(lead);
  if (!m) return undefined;
  const pronounAt = verb.start - lead.length + m.index;
  const parties = [...scan.orgs, ...scan.recipients].filter((p) => p.end <= pronounAt && pronounAt - p.end <= 80);
  return parties.sort((a, b) => b.end - a.end)[0];
}

export function subjectOf(scan: Scan, clause: Range, verb: Mention): Subject {
  const before = (m: Mention) => m.start >= clause.start && m.end <= verb.start;
  // "Sign in with Google gives us your name": what reaches us is ours to collect; "… is not stored by us" is ours.
  // "Anything you post is visible to other users": the service shows it, whoever posted it.
  if (scan.lang === 'en' && (givenToUs(scan.lower, verb) || isPublicDisplay(verb) || /^\s+(?:by\s+us|(?:on|in)\s+our\s+(?:own\s+)?(?:servers?|systems?|databases?))\b/.test(scan.lower.slice(verb.end, verb.end + 30)))) return 'first';
  // "These companies do not retain, share, store or use …": a list of verbs has one subject.
  const listed = scan.lang === 'en' ? enListedAfter(scan, clause, verb) : undefined;
  if (listed) return subjectOf(scan, clause, listed);
  // Passive agent after the verb: "is collected by Google Analytics", "由友盟收集" is handled as a subject.
  const agentAfter = [...scan.orgs, ...scan.recipients].find((m) => m.start > verb.end && m.start - verb.end < 40 && inRange(clause)(m) && agentRole(scan, m));
  if (agentAfter) return partyOf(scan, agentAfter);
  // "… with the service providers listed here, who process it on our behalf", "向服务提供者共享，由其代表我们处理":
  // a relative pronoun standing for the party just named is the verb's subject; the processing is theirs.
  const relative = relativeParty(scan, verb);
  if (relative) return partyOf(scan, relative);
  type Cand = { at: number; end: number; s: Subject; weak?: boolean };
  const cands: Cand[] = [
    ...scan.firstParty.filter(before).map((m) => ({ at: m.start, end: m.end, s: 'first' as Subject, weak: !firstPartySubject(scan, m) })),
    ...scan.users.filter(before).map((m) => ({ at: m.start, end: m.end, s: 'user' as Subject })),
    // A recipient follows its verb: a party named before any verb of the clause ("These and other
    // third parties may collect") is a subject even after "and".
    ...[...scan.orgs, ...scan.recipients].filter(before).filter((m) => !recipientRole(scan, m) || (scan.lang === 'en' && !scan.actions.some((a) => a.start >= clause.start && a.end <= m.start))).map((m) => ({ at: m.start, end: m.end, s: partyOf(scan, m) })),
  ];
  const pronoun = antecedentBefore(scan, clause, verb);
  if (pronoun) cands.push({ at: pronoun.start, end: pronoun.end, s: { actor: ANTECEDENT } });
  if (scan.lang === 'zh') zhSubjects(scan, cands, verb);
  cands.sort((a, b) => b.at - a.at);
  const top = cands[0];
  // "我们或我们的第三方合作伙伴可能获取": both act.
  if (scan.lang === 'zh' && top && typeof top.s === 'object' && top.s.actor !== ANTECEDENT
    && cands.some((c) => c.s === 'first' && ZH_JOIN.test(scan.lower.slice(c.end, top.at)))) return { ...top.s, withFirst: true };
  // An object-case "us" gives way to a third party named before it, never to the user.
  while (cands.length > 1 && cands[0]!.weak && typeof cands.find((c) => !c.weak)?.s === 'object') cands.shift();
  // "X uses information from the sites on which we advertise … and uses cookies": a subject inside
  // a relative clause is not the subject of a verb several words later.
  if (scan.lang === 'en') {
    if (cands.length === 0 && enImperative(scan, verb)) return 'user';
    // "Ad networks we work with may place cookies": "we" of a clause that modifies the party is not the subject.
    for (let i = cands.length - 1; i >= 0; i--) if (cands[i]!.s === 'first' && enReducedRelative(scan, cands[i]!, verb)) cands.splice(i, 1);
    // "If you sign in with Facebook, Facebook … may receive": an "our" after a verb or preposition
    // ("you use our app") is no subject where a party is named as one.
    if (cands.some((c) => typeof c.s === 'object' && c.s.actor !== ANTECEDENT)) for (let i = cands.length - 1; i >= 0; i--) if (cands[i]!.weak) cands.splice(i, 1);
    const main = cands.filter((c) => !(EN_RELATIVE.test(scan.lower.slice(Math.max(0, c.at - 16), c.at)) && !enComplementThat(scan.lower.slice(Math.max(0, c.at - 30), c.at)) && scan.lower.slice(c.at, verb.start).split(/\s+/).length > 5) && !enInnerSubject(scan, c, verb));
    // "Screenshots you attach … are kept", "When you use voice search, your audio is sent": the user acts in another clause.
    if (main.length === 0 && cands.length > 0) return 'first';
    const top = main[0];
    if (top && typeof top.s === 'object' && top.s.actor !== ANTECEDENT) {
      // "We and our service providers may collect", "Advertisers and we use": both are subjects.
      const joined = cands.some((c) => c.s === 'first' && !c.weak && (EN_JOIN.test(scan.lower.slice(c.end, top.at)) || EN_JOIN.test(scan.lower.slice(top.end, c.at))));
      return joined ? { ...top.s, withFirst: true } : top.s;
    }
    if (top) return top.s;
  }
  return cands[0]?.s ?? 'first';
}

/**
 * Chinese candidates that are not the verb's subject: the user of a time clause ("在您未开启…时"),
 * of a relative clause ("您上传的照片将存储…"), a source or means ("通过第三方获取"), and "我们"
 * after 代表/为 ("代表我们存储"), which gives way to a party named before it.
 */
function zhSubjects(scan: Scan, cands: { at: number; end: number; s: Subject; weak?: boolean }[], verb: Mention): void {
  const spans = subordinateSpans(scan.lower.slice(0, verb.start));
  for (let i = cands.length - 1; i >= 0; i--) {
    const c = cands[i]!;
    // "当您使用微信小程序时，我行会收集…": who acts in a time or condition clause is not the main verb's subject.
    if (typeof c.s !== 'object' || c.s.actor !== ANTECEDENT) {
      if (spans.some((sp) => c.at >= sp.start && c.end <= sp.end)) { cands.splice(i, 1); continue; }
    }
    const lead = scan.lower.slice(Math.max(0, c.at - 2), c.at);
    const gap = scan.lower.slice(c.end, verb.start);
    const moved = /(?:将|把)[^，。；]*$/.test(scan.lower.slice(0, c.at)) && cands.some((o) => o.s === 'first' && o.at < c.at);
    const drop = (c.s === 'user' && (moved || (/[在当]$/.test(lead) && /(?:时|后|前|之际|期间|过程中)/.test(gap)) || scan.actions.some((a) => a.start >= c.end && a.end <= verb.start && isRelative(scan, a))))
      || (typeof c.s === 'object' && /(?:通过|经由|借助|从|自)$/.test(lead));
    if (drop) cands.splice(i, 1);
    else if (c.s === 'first' && /(?:代表|替|帮)$/.test(lead)) c.weak = true;
  }
}

const ZH_JOIN = /^\s*(?:或|和|及|与|以及|或者|、|及其|和\/或)\s*(?:我们的|本公司的|其)?\s*$/;

const ZH_SUBORDINATE = /(?:当|在)[^，。；]{0,40}?(?:时|之后|以后|后|之前|前|过程中|期间)|(?:如果|假如|一旦|如|若)[^，。；]{0,40}?[，,]/g;

/** Time and condition clauses ("在您…时", "如您…，") that close before `text` ends. */
export function subordinateSpans(text: string): Range[] {
  const out: Range[] = [];
  ZH_SUBORDINATE.lastIndex = 0;
  for (let m = ZH_SUBORDINATE.exec(text); m; m = ZH_SUBORDINATE.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * "Companies that provide services to us may have access …", "sites that link to our site collect …":
 * an object-case or prepositional first-party mention is not the subject, so it does not hide the
 * party named before it.
 */
function firstPartySubject(scan: Scan, m: Mention): boolean {
  if (scan.lang !== 'en') return true;
  if (m.term === 'us') return false;
  return !/\b(?:to|with|for|from|by|about|on|at|through|via|of|in|into|visit|visits|visiting|use|uses|using|access|accessing)\s+$/.test(scan.lower.slice(Math.max(0, m.start - 12), m.start));
}

// "We and/or our service provider partners": a few words of the party's own name may stand between.
const EN_JOIN = /^\s*,?\s*(?:and|or|nor|and\/or|as well as|together with)\s+(?:(?:our|its|their|certain|some|other|the|selected|trusted)\s+)*(?:[a-z-]+\s+){0,2}$/;
/** "Ad networks we work with …", "vendors we engage …": a party, then "we" and a verb that ends its clause. */
const EN_REDUCED_RELATIVE = /^\s+(?:(?:also|may|might|currently|sometimes|regularly|carefully)\s+)*(?:work with|partner with|deal with|contract with|use|engage|hire|retain|select|choose|rely on|have selected|have engaged|have chosen)\s+(?:(?:may|might|can|could|will|would|also)\s+)*$/;

function enReducedRelative(scan: Scan, c: { at: number; end: number }, verb: Mention): boolean {
  const head = [...scan.orgs, ...scan.recipients].some((m) => m.end <= c.at && /^\s*$/.test(scan.lower.slice(m.end, c.at)));
  return head && EN_REDUCED_RELATIVE.test(scan.lower.slice(c.end, verb.start));
}

const EN_RELATIVE = /\b(?:which|that|whom|whose|where|when)\s+$/;
const EN_RECIPIENT = /\b(?:with|to|among|between|including|and)\s+(?:[a-z'-]+\s+){0,4}$/;
const ZH_RECIPIENT = /(?:向|与|给|至|予|提供给|共享给|委托|和)[^，。；、]{0,10}$/;

export function recipientRole(scan: Scan, m: Mention): boolean {
  const lead = scan.lower.slice(Math.max(0, m.start - 40), m.start);
  return scan.lang === 'en' ? EN_RECIPIENT.test(lead) && !/\b(?:by|through|via)\s+(?:[a-z'-]+\s+){0,4}$/.test(lead) : ZH_RECIPIENT.test(lead);
}

export function agentRole(scan: Scan, m: Mention): boolean {
  const lead = scan.lower.slice(Math.max(0, m.start - 30), m.start);
  return scan.lang === 'en' ? /\bby\s+(?:[a-z'-]+\s+){0,3}$/.test(lead) : /由[^，。]{0,6}$/.test(lead);
}

// "涉及个人信息转让的，": a 的 closing a condition before a comma is no relative clause.
const ZH_RELATIVE = /^(?:(?:和|及|与|或|或者|以及|、)(?:(?![您你我其该此])[\u4e00-\u9fff]){1,3})?到?的(?![，,])/;

export function isRelative(scan: Scan, a: Mention): boolean {
  // "收集和产生的个人信息": a verb coordinated with another inside the same 的-phrase is relative too.
  if (scan.lang === 'zh') return ZH_RELATIVE.test(scan.lower.slice(a.end, a.end + 8));
  return enRelative(scan, a);
}
