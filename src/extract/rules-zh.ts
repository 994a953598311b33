/**
 * Chinese sentence shapes the clause rules in practices.ts consult: permission labels, instrument
 * phrases, objects moved before the verb by 将其/把其, objects left out after a verb, storage on the
 * user's own device, and the party named in 委托…处理.
 */
import type { Practice } from '../model/practice.js';
import type { Mention } from './match.js';
import { inRange, scanSentence, type Range, type Scan } from './scan.js';

/**
 * "位置权限：用于…", "1. 相机权限：…": a permission list item. The app asks for access to the data
 * the permission names; what follows the colon is the purpose. Returns the label's span.
 */
export function permissionLabel(scan: Scan): Range | undefined {
  const m = /^[\s\d①-⑳一二三四五六七八九十（）().、．]*([^：:，。；,]{1,14}?权限)\s*[：:]/.exec(scan.lower);
  if (!m) return undefined;
  const start = m.index + m[0].indexOf(m[1]!);
  return { start, end: start + m[1]!.length };
}

const INSTRUMENT = /(?:通过|根据|基于|依据|结合)(?:您的?|你的?|用户的?)?$/;

/** "通过IP地址获取…", "根据您的浏览记录推荐": the data is the means of the verb that follows. */
export function instrumentOf(scan: Scan, d: Mention, clause: Range): Range | undefined {
  const lead = scan.lower.slice(Math.max(clause.start, d.start - 8), d.start);
  const m = INSTRUMENT.exec(lead);
  if (!m) return undefined;
  const start = d.start - (lead.length - m.index);
  return { start, end: d.start };
}

/** "将其用于", "把它们提供给": the object, moved before the verb, points back to the data just named. */
export function movedPronounBefore(scan: Scan, from: number, verb: Mention): boolean {
  return /(?:将|把)(?:其|它们|它|之|上述信息|这些信息)[^，。；]{0,12}$/.test(scan.lower.slice(from, verb.start));
}

/** "…不会保留。", "使用或公开披露。": the verb ends its clause, its object is the data already named. */
export function objectLeftOut(scan: Scan, verb: Mention): boolean {
  if (!/^(?:了|过)?\s*(?:[，。；,;.!！]|$)/.test(scan.lower.slice(verb.end, verb.end + 3))) return false;
  // The verb must be predicated (a modal, negation or adverb before it): "…、收藏及分享。" ends a noun list.
  const before = scan.lower.slice(0, verb.start);
  const cut = Math.max(before.lastIndexOf('，'), before.lastIndexOf(','), before.lastIndexOf('、'), before.lastIndexOf('；'));
  return /(?:不|会|将|再|已|予以|进行|并|均|也|或|可能|可以|仍|需要|须)/.test(before.slice(cut + 1));
}

/** "仅保存在您的终端设备上", "存储在本地": kept on the user's own device, not by the service. */
export function onUserDevice(scan: Scan, verb: Mention): boolean {
  return /^(?:在|于|至|到)?(?:您的?|你的?|用户的?)?(?:终端|本地|手机本地|设备本地|终端设备|本机|设备上|手机上)/.test(scan.lower.slice(verb.end, verb.end + 12));
}

/** "委托第三方服务提供商处理", "委托给云服务商存储": the second verb is what the entrusted party does. */
export function entrustedAct(scan: Scan, entrust: Mention, next: Mention): boolean {
  // "发送给腾讯Bugly进行崩溃分析" as well: the recipient's processing.
  if (!/^委托|(?:给|至)$/.test(entrust.term)) return false;
  const gap: Range = { start: entrust.end, end: next.start };
  const parties = [...scan.recipients, ...scan.orgs].filter(inRange(gap));
  if (parties.length === 0) return false;
  const rest = scan.lower.slice(parties[parties.length - 1]!.end, next.start);
  // "委托第三方推送提供商处理": the party's name may go on past the recognised word.
  return /^(?:(?:进行|来|去|代为|代表我们)[\u4e00-\u9fff]{0,4})?$/.test(rest) || /^[\u4e00-\u9fffa-z]{0,8}(?:商|方|者|机构|公司|伙伴)$/.test(rest);
}

/** "向保险公司提供", "向其提供": a party other than us or the user receives it. */
export function toOtherParty(scan: Scan, clause: Range, verb: Mention): boolean {
  const lead = scan.lower.slice(clause.start, verb.start);
  return /向(?!您|你|我们|我司|本公司|用户)[^，。；、]{1,14}$/.test(lead) && !/向(?:您|你|我们|用户)[^，。；]*$/.test(lead.slice(lead.lastIndexOf('向')));
}

/** "提供给运营商", "与广告合作伙伴": the term names who receives, not what is shared. */
export function namesRecipient(scan: Scan, d: Mention, verbs: Mention[]): boolean {
  if (verbs.some((v) => v.end === d.start && /(?:给|至|予)$/.test(v.term))) return true;
  return /(?:向|与)$/.test(scan.lower.slice(Math.max(0, d.start - 1), d.start)) && verbs.some((v) => v.start > d.end && /^(?:共享|分享|提供|披露)/.test(v.term));
}

/**
 * "为了创建账户您需要向我们提供手机号码": a leading purpose phrase ends where a subject (您, 我们)
 * starts the main predicate, even without a comma. Returns that offset, or `end` when none does.
 */
export function zhPurposeEnd(scan: Scan, from: number, end: number): number {
  const subjects = [...scan.users, ...scan.firstParty].filter((s) => s.start > from && s.end < end).sort((a, b) => a.start - b.start);
  for (const s of subjects) {
    // "为您提供", "向我们提交", "您的账号": the party is an object or an owner there, not a subject.
    if (/[向为给帮对与让使令替和及或、将把由]$/.test(scan.lower.slice(s.start - 1, s.start)) || /^的/.test(scan.lower.slice(s.end))) continue;
    if (scan.actions.some((a) => a.start >= s.end && a.end <= end)) return s.start;
  }
  return end;
}

const VERB_CHAIN = /^(?:(?:[、和及与或]|以及|或者)?(?:收集|使用|处理|存储|储存|共享|分享|保存|利用|披露|公开披露|转让|提供|获取|采集))*/;
const FRAME = /^(?:全部|相关|具体)?(?:授权|同意|活动|情况|规则|目的|方式|范围|行为|期限|原则)/;

/**
 * "撤回我们继续收集您个人信息的授权", "个人信息收集和使用规则", "我们收集、使用个人信息的情况":
 * the act is named as the topic of consent, rules or scope, not stated. Only for information in
 * general: "撤回我们收集您位置信息的授权" still tells a reader the location is collected.
 */
export function nominalAct(scan: Scan, verb: Mention): boolean {
  const after = scan.lower.slice(verb.end, verb.end + 40);
  const chain = VERB_CHAIN.exec(after)![0].length;
  const rest = after.slice(chain);
  const vague = (m: Mention) => m.id === 'personal_info';
  // "个人信息收集和使用规则": the data names the topic right before the verb.
  if (FRAME.test(rest.replace(/^的/, '')) && scan.data.some((d) => vague(d) && d.end === verb.start)) return true;
  const owner = /^(?:您|你|用户)?的?/.exec(rest)![0].length;
  const at = verb.end + chain + owner;
  const d = scan.data.find((m) => m.start === at);
  return d !== undefined && vague(d) && /^的/.test(scan.lower.slice(d.end)) && FRAME.test(scan.lower.slice(d.end + 1, d.end + 8));
}

/**
 * "共享不识别您个人身份的设备信息", "委托提供技术服务的服务商处理": a verb inside a 的-phrase that
 * modifies the next data or party mention describes it; the predicate is the verb before.
 * "收集您提供的手机号码" keeps its own subject (您) and is left to the relative-clause rules.
 */
export function attributiveVerb(scan: Scan, clause: Range, prev: Mention | undefined, a: Mention): boolean {
  if (!prev || prev.end > a.start) return false;
  const gap: Range = { start: prev.end, end: a.start };
  if (/[，。；,;：:]/.test(scan.lower.slice(gap.start, gap.end))) return false;
  // Only adverbs between the two ("共享不识别…"): a party or data between them starts a new phrase.
  if (gap.end - gap.start > 4 || [...scan.users, ...scan.firstParty, ...scan.actions, ...scan.data, ...scan.recipients, ...scan.orgs].some(inRange(gap))) return false;
  const next = [...scan.data, ...scan.recipients, ...scan.orgs].filter((m) => m.start >= a.end && m.end <= clause.end).sort((x, y) => x.start - y.start)[0];
  if (!next) return false;
  const tail: Range = { start: a.end, end: next.start };
  return /^[^，。；、,;]{0,12}?的/.test(scan.lower.slice(tail.start, tail.end)) && !scan.actions.some(inRange(tail));
}

/** "提供商", "提供方", "使用者": the verb is part of a noun naming a party. */
export function partOfNoun(scan: Scan, a: Mention): boolean {
  // "共享给商家": a directional verb's next word is its recipient, not a suffix.
  return !/(?:给|至|予|于)$/.test(a.term) && /^(?:商|方|者)/.test(scan.lower.slice(a.end, a.end + 1));
}

/** A verb that states no practice here: part of a noun, an attribute, an act named as a topic, a restriction on another party, or 使用 of the product. */
export function notPredicate(scan: Scan, clause: Range, prev: Mention | undefined, a: Mention): boolean {
  return partOfNoun(scan, a) || nominalAct(scan, a) || attributiveVerb(scan, clause, prev, a) || restrictedAct(scan, clause, a) || withoutDataObject(scan, a) || inPremise(scan, a);
}

const noPracticeRes = new WeakMap<Record<string, string[]>, [string, RegExp[]][]>();

/**
 * The family of a sentence that states no practice of its own (data/extract/zh.json
 * noPracticePatterns): an item of the statutory consent-exception list ("与国家安全、国防安全有关的"),
 * what refusing costs the user ("如您拒绝授权，将无法使用…"), consent to the policy as a whole, a list
 * of policy changes, a table of contents, a definition. Undefined for any other sentence.
 */
export function noPracticeFamily(scan: Scan): string | undefined {
  const families = scan.lex.cues.noPracticePatterns;
  if (!families) return undefined;
  let res = noPracticeRes.get(families);
  if (!res) noPracticeRes.set(families, (res = Object.entries(families).map(([f, ps]) => [f, ps.map((p) => new RegExp(p, 'u'))])));
  return res.find(([family, ps]) => ps.some((re) => {
    const m = re.exec(scan.lower);
    if (!m) return false;
    // "如您不提供身份证号码，我们将无法为您提供实名认证": refusing a named type still tells what is asked for.
    if (family === 'refusalConsequences') return scan.data.every((d) => d.id === 'personal_info');
    // "在以下情形中，我们收集您的个人信息无需征得您的同意：（一）与国家安全…": the lead-in in the same sentence states its practice.
    if (family === 'consentExceptionItems') return !leadInBefore(scan, m.index);
    return true;
  }))?.[0];
}

/**
 * The no-practice family of a list item ("2、与犯罪侦查有关的；": consentExceptionItems), or
 * undefined: such an item adds no practice of its own to the list's lead-in.
 */
export function noPracticeItem(sentence: string): string | undefined {
  return noPracticeFamily(scanSentence(sentence, 'zh'));
}

/** A colon before `at` closes a lead-in that has a verb of its own. */
function leadInBefore(scan: Scan, at: number): boolean {
  const colon = Math.max(scan.lower.lastIndexOf('：', at), scan.lower.lastIndexOf(':', at));
  return colon > 0 && scan.actions.some((a) => a.end <= colon);
}

/**
 * "合作伙伴无权将上述信息用于其他目的", "第三方不得…": what a party other than us may not do is a
 * restriction on it, no practice. Our own "不得" ("我们不得…") stays a negated statement.
 */
export function restrictedAct(scan: Scan, clause: Range, a: Mention): boolean {
  // "第三方SDK不得收集您的IMEI" still says what the SDK does not get; the restriction is on what it may use data for.
  if (a.id !== 'use' && !/其他(?:目的|用途)|无关的?(?:目的|用途)|任何其他/.test(scan.lower.slice(a.start, clause.end))) return false;
  const lead = scan.lower.slice(clause.start, a.start);
  const at = Math.max(...(scan.lex.cues.restrictionCues ?? []).map((c) => lead.lastIndexOf(c)));
  if (at < 0 || /[，。；,;]/.test(lead.slice(at))) return false;
  const cue = clause.start + at;
  // The party restricted is named in the cue's own comma phrase ("…，快递公司不得将其用于…").
  const phrase = Math.max(...['，', ',', '。', '；'].map((p) => scan.lower.lastIndexOf(p, cue)));
  const subject = [...scan.firstParty, ...scan.users, ...scan.orgs, ...scan.recipients, ...scan.antecedents].filter((s) => s.end <= cue && s.start > phrase).sort((x, y) => x.start - y.start).pop();
  return !subject || !scan.firstParty.includes(subject);
}

let nonDataRe: RegExp | undefined;

/**
 * "使用我们的产品", "无法使用该功能", "处理您的投诉": 使用 or 处理 whose object is the product, a feature
 * or a request has no data object; the data named elsewhere in the sentence is not its object.
 */
/** "在不透露您个人信息的前提下": a verb inside a 前提 phrase states the condition of another act. */
export function inPremise(scan: Scan, a: Mention): boolean {
  return /在(?:不|未|没有|不会)?[^，。；]{0,3}$/.test(scan.lower.slice(Math.max(0, a.start - 6), a.start)) && /^[^，。；]{0,18}?的?前提下/.test(scan.lower.slice(a.end, a.end + 24));
}

export function withoutDataObject(scan: Scan, a: Mention): boolean {
  if (a.id !== 'use' || !/^(?:使用|处理|利用)$/.test(a.term)) return false;
  nonDataRe ??= new RegExp(`^(?:[^，。；、,;]{0,8}?)(?:${(scan.lex.cues.nonDataObjects ?? []).join('|')})`);
  const m = nonDataRe.exec(scan.lower.slice(a.end, a.end + 16));
  if (!m) return false;
  const noun = a.end + m[0].length;
  // "使用您的手机号码登录本产品": a data mention before the noun is the object.
  return !scan.data.some((d) => d.start >= a.end && d.start < noun && d.end > d.start);
}

const USE_ONLY_SECTIONS = /权利|如何保护|安全|更新|变更|修订|修改|联系我们|投诉|注销|删除/;

/**
 * Practices of a Chinese sentence, refined: the statutory exceptions to consent are their
 * condition; in a section on rights, security or policy changes, 处理 states how a request or the
 * policy is handled, not a use of data.
 */
export function zhRefine(scan: Scan, out: Practice[], section: string | undefined): Practice[] {
  // "以下情形中，我们收集您的个人信息无需征得您的同意": the statutory exceptions, not consent.
  if (/无需(?:征得|取得|获得|经过|经)?[^，。；]{0,6}(?:同意|授权)/.test(scan.lower)) out = out.map((p) => ({ ...p, condition: 'exception' }));
  if (!section || !USE_ONLY_SECTIONS.test(section)) return out;
  const uses = scan.actions.filter((a) => a.id === 'use');
  if (uses.length === 0 || !uses.every((a) => a.term === '处理')) return out;
  return out.filter((p) => p.action !== 'use');
}

/**
 * "因此我们无法读取您的消息内容": what we say we cannot do is a negated practice ("无法" is no
 * negation elsewhere: "您将无法使用" is the user's loss).
 */
export function cannotAct(scan: Scan, from: number, verb: Mention): boolean {
  const lead = scan.lower.slice(from, verb.start);
  const m = /(?:无法|不能|无从|不可能)(?:再|直接|自行)?$/.exec(lead);
  if (!m) return false;
  const cue = from + m.index;
  const subject = [...scan.firstParty, ...scan.users, ...scan.orgs, ...scan.recipients].filter((s) => s.end <= cue).sort((x, y) => x.start - y.start).pop();
  return subject !== undefined && !scan.users.includes(subject) && !/[，。；,;]/.test(scan.lower.slice(subject.end, cue));
}

/**
 * "…仅用于统计分析，不会获取您的手机号码": a purpose after the verb ends at a comma that opens a
 * negated predicate of its own. Returns where the purpose ends.
 */
export function zhPurposeTail(scan: Scan, from: number, end: number): number {
  const re = /[，,](?:并且?|也|但|且|同时|而且?)?(?:不会|绝不|决不|并不|从不|不)/g;
  re.lastIndex = from;
  for (let m = re.exec(scan.lower); m && m.index < end; m = re.exec(scan.lower)) {
    const at = m.index;
    if (scan.actions.some((a) => a.start >= at && a.end <= end && a.start - at <= 8)) return at;
  }
  return end;
}

/**
 * "…识别连接的设备，将消息投递到正确的设备": data moved before a verb that is no practice (投递) is
 * that verb's object, not the object of a practice verb before it.
 */
export function movedToOtherVerb(scan: Scan, d: Mention, clause: Range): boolean {
  if (!/(?:将|把)(?:您的?|你的?|用户的?)?$/.test(scan.lower.slice(Math.max(clause.start, d.start - 5), d.start))) return false;
  const stop = /[，。；,;]/.exec(scan.lower.slice(d.end, clause.end));
  const until = stop ? d.end + stop.index : clause.end;
  return !scan.actions.some((a) => a.start >= d.end && a.end <= until);
}

/**
 * "您提供的收货地址将共享给快递公司": the user is the subject of the relative clause ("您提供的"),
 * not of the main verb after the noun it modifies.
 */
export function userOnlyInRelative(scan: Scan, clause: Range, a: Mention): boolean {
  const u = scan.users.filter((m) => m.start >= clause.start && m.end <= a.start).pop();
  if (!u) return false;
  const rel = scan.actions.find((x) => x.start >= u.start && x.end < a.start && x !== a);
  if (!rel) return false;
  const m = /^[^，。；,;]{0,4}?的/.exec(scan.lower.slice(rel.end, a.start));
  if (!m || /[，。；,;]/.test(scan.lower.slice(u.start, a.start))) return false;
  // The 的-phrase modifies the data the main verb acts on, and no party stands between.
  const head = rel.end + m[0].length;
  const gap: Range = { start: head, end: a.start };
  return scan.data.some((d) => d.start === head && d.end > d.start) && ![...scan.firstParty, ...scan.orgs, ...scan.recipients].some(inRange(gap));
}

/** "微信会向我们提供您的昵称", "第三方平台提供给我们": what a party gives us, we collect. */
export function givenToUs(scan: Scan, clause: Range, a: Mention): boolean {
  if (/^(?:向|给)(?:我们|我司|本公司)/.test(a.term)) return true;
  if (!/^(?:提供|提交|传输|发送|共享|分享|披露)/.test(a.term)) return false;
  const lead = scan.lower.slice(Math.max(clause.start, a.start - 10), a.start);
  return /(?:向|给)(?:我们|我司|本公司|本平台)[^，。；]{0,4}$/.test(lead) || (/(?:给|至)$/.test(a.term) && /^(?:我们|我司|本公司|本平台)/.test(scan.lower.slice(a.end, a.end + 4))) || /^(?:给|至)(?:我们|我司|本公司|本平台)/.test(scan.lower.slice(a.end, a.end + 5));
}
