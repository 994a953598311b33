/**
 * Practice statements from one sentence. Per clause: which action verbs the first party (or a named
 * third party) performs, which data-type mentions each verb governs, who receives shared data,
 * whether the verb is negated (scope: the verb's own clause and verbs coordinated with it), and
 * the purpose and condition that qualify it.
 */
import type { Action, Evidence, PolicyLanguage, Practice } from '../model/practice.js';
import type { Mention } from './match.js';
import type { PhraseTable } from './lexicon.js';
import { conditionOf, consentLifts, hasException } from './conditions.js';
import { inRange, scanSentence, type Range, type Scan } from './scan.js';
import { recordFromText, sdkPractices } from './sdk.js';
import { toSimplified } from './simplify.js';
import { EN_COORD, enVendorRow, enAssignData, enDirectedTo, enNegatedOr, enPermissionLabel, enPurposeEnd, enRecipientBound, enHeading, enRefine, enToList, enVerbList } from './rules-en.js';
import { ANTECEDENT, isRelative, partyOf, recipientRole, subjectOf, subordinateSpans, type Party, type Subject } from './subjects.js';
import { cannotAct, entrustedAct, givenToUs, instrumentOf, movedPronounBefore, movedToOtherVerb, namesRecipient, noPracticeFamily, notPredicate, objectLeftOut, onUserDevice, permissionLabel, toOtherParty, userOnlyInRelative, zhPurposeEnd, zhPurposeTail, zhRefine } from './rules-zh.js';

interface Verb extends Mention {
  action: Action;
  actor: Party;
  data: string[];
  negated: boolean;
  relative: boolean;
  /** The user is the subject ("您提供", "you submit"): collection by the first party. */
  byUser: boolean;
}

const FIRST: Party = { actor: 'first_party' };
const LISTING: Record<PolicyLanguage, RegExp> = { en: /\b(?:include|includes|including|such as|consists? of)\b|:/, zh: /包括|包含|如下|以下|[:：]/ };
const SHARE_LIKE = new Set<Action>(['share', 'sell', 'transfer_abroad']);

/** `defined`: data names the policy defined in earlier sentences ('Personally Identifiable Information ("PII")'). */
export function extractFromSentence(sentence: string, lang: PolicyLanguage, location: string, section?: string, antecedent?: Party, defined?: PhraseTable): Practice[] {
  const evidence: Evidence = { text: sentence.trim(), location, ...(section ? { section } : {}) };
  // "SDK名称：友盟；收集个人信息类型：IMEI、IP地址": a key-value SDK row states what the SDK collects.
  const sdk = recordFromText(sentence);
  if (sdk?.data && (sdk.name || sdk.provider)) return sdkPractices(sdk, lang, evidence);
  const scan = scanSentence(sentence, lang, defined);
  if (compiled(scan.lex.cues.metaStatementPatterns).some((re) => re.test(scan.lower))) return [];
  if (lang === 'zh' && noPracticeFamily(scan)) return [];
  const aboutChildren = speaksOfChildren(scan);
  // "Third-party SDKs we use: AppsFlyer, Firebase Crashlytics": a vendor named in an SDK list collects data.
  if (scan.data.length === 0) return lang === 'en' ? enVendorRow(scan, section, evidence) : [];
  const condition = conditionOf(scan);
  const out: Practice[] = [];
  const seen = new Set<string>();
  let lastData: string[] = [];
  const listing = LISTING[lang].test(scan.lower);
  // A statement about safeguards names the data it protects; disclosures in it still count (and, in
  // Chinese policies, what a third party collects: "第三方SDK采用加密传输收集…").
  const security = compiled(scan.lex.cues.securityNoticePatterns ?? []).some((re) => re.test(scan.lower));
  if (lang === 'zh' ? isHeading(scan) : enHeading(scan)) return [];
  const label = lang === 'zh' ? permissionLabel(scan) : enPermissionLabel(scan);
  const permitted = label ? permissionPractices(scan, label, evidence, condition) : [];
  if (permitted.length > 0) return permitted;
  // "收集的信息包括：①设备信息；②日志信息": items after a colon that have no verb of their own take the lead-in's.
  let lead: Verb[] = [];
  for (const clause of scan.clauses) {
    let verbs = clauseVerbs(scan, clause);
    const item = lead.length > 0 && lang === 'zh' ? verbs.filter((v) => !scan.purposes.some((p) => p.start === v.start)) : verbs;
    if (lead.length > 0 && item.length === 0) verbs = lead.map((v) => ({ ...v, start: clause.start, end: clause.start, data: [], relative: false }));
    assignData(scan, clause, verbs, lastData);
    const colon = /[:：]/.exec(scan.lower.slice(clause.start, clause.end));
    if (colon && verbs.some((v) => v.end <= clause.start + colon.index)) lead = verbs.filter((v) => v.end <= clause.start + colon.index);
    for (const v of verbs) {
      if (v.data.length > 0) lastData = v.data;
      // "披露所收集的信息", "share the information we collect": the relative verb only names the
      // object; alone ("committed to the security of the information we collect") it states nothing,
      // unless the sentence lists what it covers ("Data we collect includes: …", "收集的信息包括").
      // What the user gives ("您上传的照片", "information you submit") still tells us it is collected.
      if (v.relative && !v.byUser && (verbs.some((o) => !o.relative) || !listing) && !assertsCollection(scan, clause, v)) continue;
      if (security && !SHARE_LIKE.has(v.action) && (lang === 'en' || v.actor === FIRST)) continue;
      // "在您绑定银行卡时，我们会将您的银行卡号提供给支付机构": the time clause sets the scene for the main verb.
      if (v.byUser && lang === 'zh' && verbs.some((o) => !o.byUser && o.start > v.end && o.data.some((d) => v.data.includes(d))) && subordinateSpans(scan.lower).some((sp) => v.start >= sp.start && v.end <= sp.end)) continue;
      if (v.actor.actor === ANTECEDENT) {
        // The party named earlier in this sentence, else in an earlier one; without either, guessing
        // "we" would invent a first-party statement.
        // English: "… to advertisers; they only receive …" points back to a recipient category too.
        const named = [...scan.orgs, ...(lang === 'en' ? scan.recipients : [])].filter((m) => m.end <= v.start).sort((a, b) => a.start - b.start).pop();
        const party = named ? partyOf(scan, named) : antecedent;
        if (!party) continue;
        v.actor = party;
      }
      const recipients = SHARE_LIKE.has(v.action) ? recipientsOf(scan, clause, v) : [undefined];
      const purpose = purposeText(scan, clause, v);
      let negated = v.negated;
      let cond = condition;
      if (negated && consentLifts(scan, clause)) { negated = false; cond = cond === 'separate_consent' ? cond : 'consent'; }
      else if (negated && hasException(scan, clause)) cond = 'exception';
      const actors: Party[] = v.actor.withFirst ? [v.actor, FIRST] : [v.actor];
      for (const actor of actors) {
        for (const dataType of v.data) {
          for (const recipient of recipients) {
            const key = [actor.organization ?? actor.actor, v.action, dataType, negated, recipient].join('|');
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({
              actor: actor.actor,
              ...(actor.organization ? { organization: actor.organization } : {}),
              action: v.action,
              ...(recipient ? { recipient } : {}),
              dataType, negated,
              ...(purpose ? { purpose } : {}),
              ...(cond ? { condition: cond } : {}),
              ...(aboutChildren ? { dataSubject: 'children' as const } : {}),
              evidence,
            });
          }
        }
      }
    }
  }
  return lang === 'en' ? enRefine(scan, out) : zhRefine(scan, out, section);
}

/**
 * "（四）个人信息的保存", "共享您的个人信息": a short line without punctuation or subject about
 * information in general is a section title, not a statement.
 */
function isHeading(scan: Scan): boolean {
  const t = scan.lower.trim();
  return t.length <= 30 && !/[，,。；;：:！？!?]/.test(t) && scan.firstParty.length === 0 && scan.users.length === 0 && scan.orgs.length === 0
    && scan.data.every((d) => d.id === 'personal_info');
}

/** "相机权限：用于扫码": the app asks for the data the permission names. */
function permissionPractices(scan: Scan, label: Range, evidence: Evidence, condition: string | undefined): Practice[] {
  const types = [...new Set(scan.data.filter(inRange(label)).map((d) => d.id))];
  const purpose = scan.text.slice(label.end).replace(/^\s*[:：]\s*/, '').replace(/[,，。.;；\s]+$/, '').slice(0, 200);
  return types.map((dataType) => ({
    actor: FIRST.actor, action: 'collect' as const, dataType, negated: false,
    ...(purpose ? { purpose } : {}), ...(condition ? { condition } : {}), evidence,
  }));
}

/** "我们收集的位置信息将…", "经监护人同意而收集的儿童照片": a collection with its own subject is stated, not only referred to. */
function assertsCollection(scan: Scan, clause: Range, v: Verb): boolean {
  // "我们收集的个人信息将存储在境内" speaks of everything collected: a storage statement, not a
  // disclosure of collection (it would make every undisclosed flow look vaguely disclosed).
  if (scan.lang !== 'zh' || v.action !== 'collect' || v.data.every((d) => d === 'personal_info')) return false;
  const lead = scan.lower.slice(clause.start, v.start);
  return /(?:我们|我司|本公司|本应用)[^，。；:：]{0,16}$/.test(lead) || /而$/.test(lead);
}

const compiledPatterns = new WeakMap<string[], RegExp[]>();

/** Lexicon patterns are compiled once per list, not per sentence. */
function compiled(patterns: string[]): RegExp[] {
  let res = compiledPatterns.get(patterns);
  if (!res) compiledPatterns.set(patterns, (res = patterns.map((p) => new RegExp(p, 'u'))));
  return res;
}

/** Purpose span of a clause: from a marker after the verbs to the clause end, or a leading marker to the next comma. */
function purposeSpan(scan: Scan, clause: Range, firstVerbStart: number): Range | undefined {
  const marker = scan.purposes.find((p) => inRange(clause)(p) && !scan.actions.some((a) => a.start === p.start && a.start < firstVerbStart + 1 && p.start <= firstVerbStart));
  if (!marker) return undefined;
  const comma = /[,，:：]/g;
  comma.lastIndex = marker.end;
  const m = comma.exec(scan.lower);
  let end = scan.lang === 'en' ? enPurposeEnd(scan, marker.end, m && m.index < clause.end ? m.index : clause.end) : m && m.index < clause.end ? m.index : clause.end;
  // A purpose phrase opening a sub-clause ("当您…时，为了…，我们会收集", "To do X, we collect") ends at
  // its comma when an action follows; the main verb is after it.
  const opensSubclause = /(?:^|[,，:：])\s*$/.test(scan.lower.slice(clause.start, marker.start));
  if (opensSubclause && scan.lang === 'zh') end = zhPurposeEnd(scan, marker.end, end);
  if (opensSubclause && end < clause.end && scan.actions.some((a) => a.start > end && a.end <= clause.end)) return { start: marker.start, end };
  if (marker.start > firstVerbStart) return { start: marker.start, end: scan.lang === 'en' ? enPurposeEnd(scan, marker.end, clause.end) : zhPurposeTail(scan, marker.end, clause.end) };
  // A leading purpose phrase that runs to the clause end has swallowed the main verb: ignore it.
  return end === clause.end ? undefined : { start: marker.start, end };
}

function clauseVerbs(scan: Scan, clause: Range): Verb[] {
  const within = inRange(clause);
  const candidates = scan.actions.filter(within);
  const first = candidates[0]?.start ?? clause.end;
  const span = purposeSpan(scan, clause, first);
  const provision = new Set(scan.lex.cues.provisionVerbs);
  const ambiguous = new Set(scan.lex.cues.ambiguousShare);
  const verbs: Verb[] = [];
  for (const a of candidates) {
    // An action word that is itself the purpose marker ("用于" after another verb, "to provide").
    if (span && a.start >= span.start && a.end <= span.end) continue;
    if (span && a.start < span.start && a.end > span.start) continue;
    if (underPrevention(scan, clause, a)) continue;
    let action = a.id as Action;
    // "您提供的地址将共享给…": the user is the subject of the relative clause only.
    const subject = scan.lang === 'zh' && userOnlyInRelative(scan, clause, a) ? 'first' : subjectOf(scan, clause, a);
    // "为您提供服务", "provide you with": the service gives something to the user, nothing is collected.
    if (provision.has(a.term) && subject !== 'user' && givesToUser(scan, a)) continue;
    if (scan.lang === 'zh' && (zhNotCollection(scan, clause, a, subject) || notPredicate(scan, clause, verbs[verbs.length - 1], a))) continue;
    if (subject === 'user') {
      if (!provision.has(a.term) && action !== 'collect') continue;
      if (!provision.has(a.term)) continue;
      action = 'collect';
    }
    // "微信会向我们提供您的昵称": what reaches us is ours to collect, whoever gives it.
    const toUs = scan.lang === 'zh' && givenToUs(scan, clause, a);
    if (toUs) action = 'collect';
    else if (ambiguous.has(a.term) || (action === 'collect' && provision.has(a.term) && (hasRecipientAfter(scan, clause, a) || (scan.lang === 'zh' && toOtherParty(scan, clause, a)) || (scan.lang === 'en' && subject !== 'user' && enToList(scan, a))))) {
      const resolved = resolveAmbiguous(scan, clause, a, action);
      if (!resolved) continue;
      // "海外直邮时您需要提供身份证号": what the user provides reaches us, wherever it goes next.
      action = resolved === 'transfer_abroad' && subject === 'user' && scan.lang === 'zh' ? 'collect' : resolved;
    }
    const actor = toUs || subject === 'user' || subject === 'first' ? FIRST : subject;
    const relative = isRelative(scan, a);
    if (action === 'retain' && scan.lang === 'zh' && onUserDevice(scan, a)) continue;
    const prev = verbs[verbs.length - 1];
    // "委托第三方处理": the processing is the entrusted party's; we share.
    if (prev && scan.lang === 'zh' && entrustedAct(scan, prev, a)) { prev.action = 'share'; continue; }
    verbs.push({ ...a, action, actor, data: [], negated: false, relative, byUser: subject === 'user' });
    // "存储在位于美国的服务器上": storage outside China is a transfer abroad as well (an English policy's home country is unknown).
    if (action === 'retain' && scan.lang === 'zh' && scan.places.some((p) => within(p) && p.start > a.end && p.id !== 'CN' && !(p.id === 'TW' && traditional(scan)))) verbs.push({ ...verbs[verbs.length - 1]!, action: 'transfer_abroad', data: [] });
  }
  if (scan.lang === 'zh') addInstrumentUse(scan, clause, verbs);
  markNegation(scan, clause, verbs);
  return verbs;
}

/**
 * "获取您的明确同意": consent is obtained, not data. "我方会提供相应的安全措施": what we provide is
 * given, not collected (a recipient would have made it a share already).
 */
function zhNotCollection(scan: Scan, clause: Range, a: Mention, subject: Subject): boolean {
  if (a.id !== 'collect') return false;
  if (/^(?:您的?|你的?|用户的?|监护人的?|其)?(?:明确|单独|书面|事先|充分)?的?(?:同意|授权|许可)/.test(scan.lower.slice(a.end, a.end + 10))) return true;
  return a.term === '提供' && subject === 'first' && scan.firstParty.some((m) => m.start >= clause.start && m.end <= a.start) && !hasRecipientAfter(scan, clause, a) && !toOtherParty(scan, clause, a);
}

/** Written in Traditional script (a Taiwan policy's own country is TW). */
function traditional(scan: Scan): boolean {
  return toSimplified(scan.text) !== scan.text;
}

/** "基于您的位置信息向您展示…": data that is the means of an act no verb names is used. */
function addInstrumentUse(scan: Scan, clause: Range, verbs: Verb[]): void {
  for (const d of scan.data.filter(inRange(clause))) {
    const means = instrumentOf(scan, d, clause);
    if (!means || verbs.some((v) => v.start >= d.end) || !/^(?:根据|基于|依据|结合)/.test(scan.lower.slice(means.start))) continue;
    const subject = subjectOf(scan, clause, { id: 'use', term: '', start: means.start, end: means.start });
    if (subject === 'user') continue;
    const at = verbs.findIndex((v) => v.start > means.start);
    const verb: Verb = { id: 'use', term: scan.lower.slice(means.start, d.start), start: means.start, end: d.start, action: 'use', actor: subject === 'first' ? FIRST : subject, data: [], negated: false, relative: false, byUser: false };
    verbs.splice(at < 0 ? verbs.length : at, 0, verb);
  }
}

function underPrevention(scan: Scan, clause: Range, a: Mention): boolean {
  // "免遭损害而有必要提供": 而 closes the harm the marker names.
  return scan.prevention.some((p) => p.start >= clause.start && p.end <= a.start && (!/[,，;；.。而]/.test(scan.lower.slice(p.end, a.start)) || (scan.lang === 'en' && enVerbList(scan.lower.slice(p.end, a.start)))));
}

function givesToUser(scan: Scan, a: Mention): boolean {
  // "为您提供服务": the lexicon's "您提供" starts on the user word itself.
  if (scan.lang === 'zh') return /(?:为|向|给|帮助|帮)(?:您|你|用户)[^，。；]{0,6}$/.test(scan.lower.slice(Math.max(0, a.start - 12), a.start + (/^(?:您|你)/.test(a.term) ? 1 : 0))) || /^(?:给|予)(?:您|你)/.test(scan.lower.slice(a.end, a.end + 3));
  return /^\s+(?:you|users|our users|visitors|customers)\b/.test(scan.lower.slice(a.end, a.end + 20));
}

/** "from children", "of minors", "儿童的个人信息": the statement is about children's data only. */
function speaksOfChildren(scan: Scan): boolean {
  return scan.children.some((c) => {
    if (scan.lang === 'zh') return /^[^，。；]{0,8}的?(?:个人)?信息/.test(scan.lower.slice(c.end)) || /(?:收集|获取|处理)[^，。；]{0,4}$/.test(scan.lower.slice(Math.max(0, c.start - 8), c.start));
    return /\b(?:from|of|about|by)\s+(?:a\s+|any\s+)?$/.test(scan.lower.slice(Math.max(0, c.start - 12), c.start));
  });
}

function hasRecipientAfter(scan: Scan, clause: Range, a: Mention): boolean {
  // "上传您的支付信息…并共享给第三方": a recipient after the next verb is that verb's.
  const until = scan.lang === 'zh' ? scan.actions.find((x) => x.start >= a.end)?.start ?? clause.end : enRecipientBound(scan, clause, a);
  return [...scan.recipients, ...scan.orgs].some((m) => inRange(clause)(m) && m.start >= a.end && m.end <= until && recipientRole(scan, m));
}

function resolveAmbiguous(scan: Scan, clause: Range, a: Mention, action: Action): Action | undefined {
  const within = inRange(clause);
  const third = [...scan.recipients, ...scan.orgs].some((m) => within(m) && (recipientRole(scan, m) || m.start > a.end));
  const abroad = scan.lex.abroad.some((w) => scan.lower.slice(clause.start, clause.end).includes(w));
  const place = scan.places.some((p) => within(p) && p.start > a.end && p.id !== 'CN' || (abroad && within(p)));
  // "transfer your data to our parent company in Japan": a transfer to a named place is cross-border even with a recipient.
  if (place && (!third || /^transfer/.test(a.term) || scan.lang === 'en')) return 'transfer_abroad';
  if (third || directedElsewhere(scan, a) || (scan.lang === 'zh' && toOtherParty(scan, clause, a))) return 'share';
  if (abroad) return 'transfer_abroad';
  // "In the event of a merger … your information may be transferred": to whoever acquires the business.
  const business = scan.lex.cues.businessTransferCues ?? [];
  if (action === 'share' && business.some((w) => scan.lower.includes(w))) return 'share';
  // "provide … to us", "您提供" and friends: the first party receives it.
  return action === 'collect' ? 'collect' : undefined;
}

/** "提供给您报名的商家", "provided to the merchant": a directional verb whose target is neither us nor the user. */
function directedElsewhere(scan: Scan, a: Mention): boolean {
  const after = scan.lower.slice(a.end, a.end + 12);
  if (scan.lang === 'zh') return /(?:给|至)$/.test(a.term) && /^[\u4e00-\u9fff]/.test(after) && !/^(?:您|你|我们|用户本人|本人)/.test(after);
  return (/\bto$/.test(a.term) && /^\s+(?:the|a|an|other|certain|our|any|such|these|those|its|their)\s/.test(after) && !/^\s+(?:us|you)\b/.test(after)) || enDirectedTo(scan, a);
}

function markNegation(scan: Scan, clause: Range, verbs: Verb[]): void {
  let from = clause.start;
  for (let i = 0; i < verbs.length; i++) {
    const v = verbs[i]!;
    const negs = scan.negations.filter((n) => n.start >= from && n.end <= v.start);
    // "you can choose not to provide" / "如您不提供": the user's choice, not our practice.
    const own = negs.filter((n) => {
      const subj = [...scan.users, ...scan.firstParty].filter((s) => s.end <= n.start && s.start >= clause.start).sort((a, b) => b.start - a.start)[0];
      return !(subj && scan.users.includes(subj));
    });
    if (own.length > 0 || (scan.lang === 'zh' && cannotAct(scan, from, v))) v.negated = true;
    else if (i > 0 && verbs[i - 1]!.negated && (coordinated(scan, verbs[i - 1]!, v) || (scan.lang === 'en' && enNegatedOr(scan, verbs[i - 1]!, v)))) v.negated = true;
    from = v.end;
  }
}

const ZH_COORD = /^[\s、，]*(?:和|或|及|以及|或者|并|、|与)?$/;

function coordinated(scan: Scan, a: Mention, b: Mention): boolean {
  const gap = scan.lower.slice(a.end, b.start);
  return scan.lang === 'en' ? EN_COORD.test(gap) : ZH_COORD.test(gap);
}

function assignData(scan: Scan, clause: Range, verbs: Verb[], lastData: string[]): void {
  if (verbs.length === 0) return;
  const first = verbs[0]!;
  const span = purposeSpan(scan, clause, first.start);
  const zh = scan.lang === 'zh';
  const data = scan.data.filter(inRange(clause)).filter((d) => !span || d.end <= span.start || d.start >= span.end || secondObject(scan, d))
    .filter((d) => !zh || (!namesRecipient(scan, d, verbs) && !movedToOtherVerb(scan, d, clause)));
  const owner = (d: Mention): number => {
    let idx = -1;
    for (let i = 0; i < verbs.length; i++) if (verbs[i]!.end <= d.start) idx = i;
    // "通过IP地址获取": the means belongs to the verb after it.
    const means = zh ? instrumentOf(scan, d, clause) : undefined;
    if (means && idx + 1 < verbs.length && !verbs.slice(0, idx + 1).some((v) => v.start >= means.start)) return idx + 1;
    // 把/将 + data + verb, and passives ("… is shared with"), belong to the following verb.
    const next = idx + 1 < verbs.length ? verbs[idx + 1]! : undefined;
    if (next && movesForward(scan, idx >= 0 ? verbs[idx]!.end : clause.start, d, next)) return idx + 1;
    return idx;
  };
  const pre: string[] = [];
  for (const d of data) {
    const i = owner(d);
    if (i < 0) pre.push(d.id);
    else push(verbs[i]!.data, d.id);
  }
  // Data named before any verb (a topic or subject) goes to the first verb if that has none of its own.
  if (pre.length > 0 && first.data.length === 0) first.data.push(...pre);
  // A verb read twice ("存储在美国": retain and transfer abroad) has one object.
  for (let i = 1; i < verbs.length; i++) if (verbs[i]!.start === verbs[i - 1]!.start && verbs[i]!.data.length === 0) verbs[i]!.data.push(...verbs[i - 1]!.data);
  // Coordinated verbs share objects ("collect and use your e-mail"); a relative verb passes its
  // objects to the verb governing the noun phrase ("share the information we collect, such as …").
  for (let i = verbs.length - 2; i >= 0; i--) {
    const v = verbs[i]!;
    const n = verbs[i + 1]!;
    if (v.data.length === 0 && (coordinated(scan, v, n) || n.relative)) v.data.push(...n.data);
  }
  if (verbs.length > 1 && verbs[0]!.relative && verbs[1]!.data.length === 0) verbs[1]!.data.push(...verbs[0]!.data);
  // "我们收集的个人信息将存储…", "您上传的照片将…": a relative verb's object is the noun its 的-phrase modifies.
  for (const v of verbs) {
    const head = v.relative && v.data.length === 0 ? data.find((d) => d.start >= v.end && d.start - v.end <= 8) : undefined;
    if (head) v.data.push(head.id);
  }
  if (!zh) enAssignData(scan, clause, verbs, data);
  let recent = lastData;
  for (let i = 0; i < verbs.length; i++) {
    const v = verbs[i]!;
    const hasPronoun = scan.pronouns.some((p) => p.start >= v.end && p.start - v.end < 25);
    // "我们不会将其用于…", "…匹配完成后我们不会保留。": the object is the data named before.
    const backRef = zh && (movedPronounBefore(scan, i > 0 ? verbs[i - 1]!.end : clause.start, v) || objectLeftOut(scan, v) || sentOnward(scan, clause, v, data));
    if (v.data.length === 0 && (hasPronoun || backRef)) v.data.push(...recent);
    if (v.data.length > 0) recent = v.data;
  }
}

/** "…并提交至国家实名验证系统": a directional verb with a destination and no object of its own sends what was named before. */
function sentOnward(scan: Scan, clause: Range, v: Verb, data: Mention[]): boolean {
  return /(?:给|至)$/.test(v.term) && SHARE_LIKE.has(v.action) && !data.some((d) => d.start >= v.end && d.end <= clause.end);
}

/** "collect your e-mail to create your account and your Android ID to keep you signed in": a new object with its own purpose. */
function secondObject(scan: Scan, d: Mention): boolean {
  if (scan.lang !== 'en') return false;
  return /\b(?:and|or|as well as)\s+(?:your|the|their|its)\s+(?:[a-z-]+\s+)?$/.test(scan.lower.slice(Math.max(0, d.start - 40), d.start))
    && /^\s+(?:to|for|in order to|so that)\b/.test(scan.lower.slice(d.end, d.end + 16));
}

function movesForward(scan: Scan, from: number, d: Mention, next: Mention): boolean {
  const lead = scan.lower.slice(from, d.start);
  const tail = scan.lower.slice(d.end, next.start);
  if (scan.lang === 'zh') return /[将把被]/.test(lead) || /^[^，。]*?(?:将|会被|被|可能被|均)/.test(tail) && !/[，,]/.test(tail);
  // The passive must be the data's own predicate, not one inside a relative clause after it ("… that you provide to us (which can be used …)").
  return /^[^,;]*?\b(?:is|are|was|were|be|been|being)\s+(?:(?:not|never|also|only|automatically|then)\s+)*$/.test(tail) && !/[()]|\b(?:which|that|who)\b/.test(tail);
}

function push(list: string[], id: string): void {
  if (!list.includes(id)) list.push(id);
}

function recipientsOf(scan: Scan, clause: Range, v: Verb): (string | undefined)[] {
  const within = inRange(clause);
  // A party inside the verb phrase ("visible to other users") is its recipient too.
  const parties = [...scan.orgs, ...scan.recipients].filter((m) => within(m) && (recipientRole(scan, m) || m.start > v.end || (m.start >= v.start && m.end <= v.end)));
  const ids = [...new Set(parties.map((m) => scan.lex.orgById.get(m.id)?.id ?? m.id))];
  if (v.action === 'transfer_abroad') {
    const places = scan.places.filter((p) => within(p) && p.id !== 'CN').map((p) => p.id);
    if (places.length > 0) return [...new Set(places)];
  }
  return ids.length > 0 ? ids : [v.action === 'transfer_abroad' ? undefined : 'third_party'];
}

function purposeText(scan: Scan, clause: Range, v: Verb): string | undefined {
  const span = purposeSpan(scan, clause, v.start);
  if (!span) return undefined;
  const text = scan.text.slice(span.start, span.end).replace(/[,，。.;；\s]+$/, '').trim();
  return text.length > 0 ? text.slice(0, 200) : undefined;
}
