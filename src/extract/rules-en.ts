/**
 * English sentence shapes the clause rules in practices.ts consult: permission list items, relative
 * clauses and the noun they modify, passive main verbs and their subject noun phrase, a verb directed
 * at another party, "X gives us …" (our collection), and tuple refinements (scoped negation,
 * exceptions that carve data out of a negation).
 */
import type { Action, Evidence, Practice } from '../model/practice.js';
import type { Mention } from './match.js';
import { inRange, type Range, type Scan } from './scan.js';

/** The fields of a clause verb these rules read and write (practices.ts owns the full record). */
export interface ClauseVerb extends Mention { action: Action; data: string[]; relative: boolean; byUser: boolean }

/** Data a mobile permission grants access to: "Camera: …", "Location (while using the app): …". */
const PERMISSION_TYPES = new Set(['media', 'camera', 'microphone', 'calendar', 'location', 'precise_location', 'coarse_location', 'contacts', 'call_log', 'sms', 'clipboard', 'installed_apps']);
const BULLET = String.raw`^\s*(?:(?:[-•*▪◦●]|\d{1,2}[.)])\s*)*`;
const LABEL_COLON = new RegExp(`${BULLET}((?:[a-z'-]+\\s){0,3}[a-z'-]+)(?:\\s*\\([^)]{0,40}\\))?\\s*:`);
const LABEL_PERMISSION = new RegExp(`${BULLET}((?:[a-z'-]+\\s){0,3}[a-z'-]+\\s+permission)\\b`);

/**
 * "Camera: used to scan receipts", "Contacts permission lets you invite friends": a permission list
 * item. The app asks for the data the permission names. A body in which we act ("…; we cannot view
 * your photos") is read as an ordinary sentence instead. Returns the label's span.
 */
export function enPermissionLabel(scan: Scan): Range | undefined {
  const m = LABEL_PERMISSION.exec(scan.lower) ?? LABEL_COLON.exec(scan.lower);
  if (!m) return undefined;
  const start = m.index + m[0].lastIndexOf(m[1]!);
  const label = { start, end: start + m[1]!.length };
  const named = scan.data.filter(inRange(label));
  if (named.length === 0 || !named.every((d) => PERMISSION_TYPES.has(d.id))) return undefined;
  // "Location:", "Camera and microphone:" — a heading of other words ("Your location data is used for:") is no label.
  let rest = scan.lower.slice(label.start, label.end);
  for (const d of named) rest = rest.replace(d.term, ' ');
  if (!/^(?:\s|and|or|&|\/|access|permission)*$/.test(rest)) return undefined;
  if (scan.firstParty.some((f) => f.term === 'we' && f.start >= m.index + m[0].length)) return undefined;
  return label;
}

const SUBJECT_BEFORE_VERB = String.raw`(?:we|you|they)\s+(?:(?:may|might|can|could|will|would|have|has|had|automatically|choose to|otherwise|also|directly|voluntarily)\s+)*$`;
const RELATIVE_LEAD = new RegExp(String.raw`\b(?:information|data|details|which|that|whom)\s+${SUBJECT_BEFORE_VERB}`);
/** "Please note that we record", "ensure that we collect": a complement clause, not a relative one. */
/** Words after which "that" opens a complement clause ("note that", "the fact that"). */
const COMPLEMENT_HEADS = 'note|noted|aware|ensure|ensures|means|mean|understand|acknowledge|acknowledges|agree|agrees|confirm|know|say|says|state|states|believe|remember|inform you|notify you|so|possible|likely|case|fact';
const COMPLEMENT_THAT = new RegExp(String.raw`\b(?:${COMPLEMENT_HEADS})\s+that\s+${SUBJECT_BEFORE_VERB}`);
// Not "we": "During setup we request …", "For billing purposes we retain …" open with a phrase, not a head noun.
const NOUN_THEN_SUBJECT = new RegExp(String.raw`\b([a-z][a-z'-]+)\s+(?:you|they)\s+(?:(?:may|might|can|could|will|would|have|has|had|choose to|otherwise|also|directly|voluntarily)\s+)*$`);
const NOT_A_HEAD = new Set(['when', 'whenever', 'if', 'as', 'because', 'since', 'and', 'or', 'but', 'that', 'which', 'unless', 'until', 'before', 'after', 'once', 'where', 'while', 'so', 'than', 'then', 'do', 'does', 'did', 'can', 'could', 'may', 'might', 'will', 'would', 'should', 'shall', 'must', 'let', 'lets', 'help', 'helps', 'allow', 'allows', 'ask', 'asks', 'tell', 'tells', 'thank', 'give', 'gives', 'send', 'show', 'offer', 'provide', 'provides', 'enable', 'enables', 'to', 'for', 'with', 'from', 'by', 'of', 'in', 'on', 'at', 'about', 'how', 'what', 'why', 'who', 'whether', 'although', 'though', 'also', 'not', 'is', 'are', 'was', 'were', 'be', 'have', 'has', 'had', 'time', 'times', 'where', 'way', 'extent', 'case', 'event', 'until', 'unless', 'now', 'here', 'there', 'all', 'any', 'each', 'every', 'only', 'ensure', 'note', 'aware', 'means', 'believe', 'think', 'know', 'understand', 'agree', 'confirm', 'require', 'requires', 'request', 'requests']);
const AFTER_HEAD = new RegExp(String.raw`^\s*(?:that\s+|which\s+)?${SUBJECT_BEFORE_VERB}`);

/** "We suggest that you …", "note that users …": "that" before a subject opens a complement clause, not a relative one. */
export function enComplementThat(lead: string): boolean {
  return COMPLEMENT_THAT_END.test(lead);
}
// Before a user subject, verbs of advice and request open one too ("we suggest that you disclose").
const COMPLEMENT_THAT_END = new RegExp(String.raw`\b(?:${COMPLEMENT_HEADS}|suggest|suggests|recommend|recommends|advise|advises|request|requests|ask|asks|require|requires)\s+that\s+$`);

const IMPERATIVE = /^\s*(?:[-•*]\s*)?please\s+(?!note\b|be\s+(?:aware|advised|informed)\b|understand\b|remember\b|know\b|keep\s+in\s+mind\b|bear\s+in\s+mind\b|rest\s+assured\b)[a-z]+/;
const BE_BEFORE = /\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+\s+){0,2}$/;

/**
 * "Please read their policies before disclosing any personal information to the sites": an
 * imperative sentence addresses the reader, who is the subject of its active verbs.
 */
export function enImperative(scan: Scan, verb: Mention): boolean {
  return IMPERATIVE.test(scan.lower) && !BE_BEFORE.test(scan.lower.slice(Math.max(0, verb.start - 30), verb.start));
}

/** "information we collect", "the URLs you visit", "which you submit": the verb sits in a relative clause. */
export function enRelative(scan: Scan, a: Mention): boolean {
  const lead = scan.lower.slice(Math.max(0, a.start - 60), a.start);
  if (COMPLEMENT_THAT.test(lead)) return false;
  if (RELATIVE_LEAD.test(lead)) return true;
  if (headNoun(scan, a) !== undefined) return true;
  // "Receipts you upload, … are stored": a noun right before the pronoun heads a relative clause
  // ("when you", "and you", "let you" do not).
  const m = NOUN_THEN_SUBJECT.exec(lead);
  return m !== null && !NOT_A_HEAD.has(m[1]!) && !/(?:ly|ing)$/.test(m[1]!);
}

/** The data noun a relative clause modifies: "Contact details [you give us]". */
function headNoun(scan: Scan, v: Mention): Mention | undefined {
  return scan.data.filter((d) => d.end <= v.start && d.end > 0 && v.start - d.end <= 40)
    .find((d) => d.term.length > 0 && AFTER_HEAD.test(scan.lower.slice(d.end, v.start)));
}

const PASSIVE = /\b(?:is|are|was|were|be|been|being)\s+(?:(?:not|never|also|only|automatically|then|securely|routinely|immediately|generally|usually)\s+)*$/;
/** The gap between coordinated English verbs: ", and", "or also", nothing. */
export const EN_COORD = /^[\s,]*(?:,?\s*(?:and|or|nor|and\/or)\s+)?(?:(?:otherwise|also|further)\s+)?$/;

/**
 * English objects the per-verb assignment misses: the noun a relative clause modifies is that verb's
 * object ("Screenshots you attach … are kept"), and a passive main verb takes its whole subject noun
 * phrase, list included, even across the commas of an apposition ("Contact details you give us,
 * such as …, are kept"). A verb coordinated after a preposition ("transferred to and processed by")
 * shares the objects of the one before.
 */
export function enAssignData(scan: Scan, clause: Range, verbs: ClauseVerb[], data: Mention[]): void {
  for (const v of verbs) {
    if (!v.relative) continue;
    const head = headNoun(scan, v);
    if (head && !v.data.includes(head.id)) v.data.unshift(head.id);
  }
  let from = clause.start;
  for (let i = 0; i < verbs.length; i++) {
    const v = verbs[i]!;
    if (!v.relative && PASSIVE.test(scan.lower.slice(Math.max(clause.start, v.start - 40), v.start))) {
      for (const d of data) if (d.start >= from && d.end <= v.start && !v.data.includes(d.id)) v.data.push(d.id);
    }
    const prev = verbs[i - 1];
    if (prev && v.data.length === 0 && /^\s*(?:to|in|from|by|with)?,?\s+(?:and|or)\s+$/.test(scan.lower.slice(prev.end, v.start))) v.data.push(...prev.data);
    // "… is processed by our provider and is not stored by us": a second predicate of the same subject.
    if (prev && v.data.length === 0 && /\b(?:and|but|or)\s+(?:(?:is|are|was|were|will|may|can|be|been|not|never|also|then)\s+)+$/.test(scan.lower.slice(prev.end, v.start))) v.data.push(...prev.data);
    if (!v.relative && !v.byUser) from = v.end;
  }
}

/**
 * How far a recipient of `a` may stand: up to the next verb that is not coordinated with it.
 * "Information you provide …, such as your name, is shared with the sponsor": the sponsor is the
 * sharing's, the user still provides the data to us.
 */
export function enRecipientBound(scan: Scan, clause: Range, a: Mention): number {
  let prev = a;
  for (const x of scan.actions) {
    if (x.start < a.end || x.end > clause.end) continue;
    if (!EN_COORD.test(scan.lower.slice(prev.end, x.start))) return x.start;
    prev = x;
  }
  return clause.end;
}

/**
 * A candidate subject that acts in another clause: the user of a relative clause ("Screenshots [you
 * attach] are kept") or of a leading time or condition clause ("When you use voice search, your
 * audio is sent …").
 */
export function enInnerSubject(scan: Scan, c: { at: number; end: number }, verb: Mention): boolean {
  // Only a passive main verb is surely ours then ("…, your audio is sent"); an active one has a
  // subject of its own we may not know ("When you click a link, the destination site will receive …").
  if (!PASSIVE.test(scan.lower.slice(Math.max(0, verb.start - 40), verb.start))) return false;
  const own = scan.actions.find((a) => a.start >= c.end && a.end <= verb.start);
  if (own && enRelative(scan, own)) return true;
  return /\b(?:when|whenever|if|once|after|before|while|as|because|unless|until)\s+$/.test(scan.lower.slice(Math.max(0, c.at - 10), c.at))
    && /,/.test(scan.lower.slice(c.end, verb.start));
}

/** The verb `verb` follows in a bare list of verbs ("retain, share, store or use"), if any. */
export function enListedAfter(scan: Scan, clause: Range, verb: Mention): Mention | undefined {
  const prev = scan.actions.filter((a) => a.start >= clause.start && a.end <= verb.start).pop();
  return prev && /^\s*(?:,\s*(?:(?:and|or|and\/or)\s+)?|\s(?:and|or|and\/or|nor)\s+)$/.test(scan.lower.slice(prev.end, verb.start)) ? prev : undefined;
}

/** "never use health data for advertising or sell it": a purpose phrase ends where a coordinated verb begins. */
export function enPurposeEnd(scan: Scan, from: number, end: number): number {
  // "… monitored as necessary to operate our sites, and may be disclosed": a finite auxiliary after
  // and/or opens a second predicate of the subject too.
  const next = scan.actions.find((a) => a.start > from && a.start < end && /\s(?:or|and|nor)\s+(?:(?:also|then|never|not|may|might|will|would|can|could|shall|should|must|is|are|was|were|be|been)\s+)*$/.test(scan.lower.slice(from, a.start)));
  return next ? next.start : end;
}

/** "We never use X for ads or sell it": a negation reaches a predicate joined by "or" after the object. */
export function enNegatedOr(scan: Scan, prev: Mention, v: Mention): boolean {
  const gap = scan.lower.slice(prev.end, v.start);
  return /\s(?:or|nor)\s+$/.test(gap) && !/[,;]|\b(?:we|you|they|it)\s+(?:[a-z]+\s+)?$/.test(gap);
}

/** "is sent to the driver", "passed to the advertiser": a directional verb with another party as its target. */
export function enDirectedTo(scan: Scan, a: Mention): boolean {
  const after = scan.lower.slice(a.end, a.end + 80);
  const m = /^(?:[^,;.]{0,60}?\s)?to\s+(?:the|a|an|other|certain|our|any|such|these|those|its|their|selected|trusted|anyone)\b/.exec(after);
  if (m !== null && !/\bto\s+(?:us|you)\b/.test(m[0])) return true;
  if (enToList(scan, a)) return true;
  // "forward your registration number to Sony": a capitalised name after "to" is another party
  // (the lexicon's organisations are found elsewhere; this catches the ones it lacks).
  const named = /^(?:[^,;.:]{0,60}?\s)?to\s+([A-Z][A-Za-z0-9&.'-]+)/.exec(scan.text.slice(a.end, a.end + 80));
  return named !== null && !SELF_NAMES.has(named[1]!.toLowerCase());
}

/**
 * "unauthorized attempts to access, upload, or change information": the gap after a prevention
 * marker is a list of single verbs, so the marker governs every item, not only the first.
 */
export function enVerbList(gap: string): boolean {
  return /^[a-z\s]*(?:\s[a-z]+,)+\s(?:(?:and|or|and\/or)\s+)?$/.test(gap);
}

const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'by', 'with', 'from', 'at', 'as', 'we', 'you', 'our', 'your', 'is', 'are', 'do', 'does', 'it', 'its', 'how', 'what', 'who', 'why', 'when', 'about', 'us']);

/**
 * "The Type of Information the Service Collects :", "How We Share Your Information": a title-case line
 * without a sentence's closing punctuation is a heading; what it announces is stated in its section.
 */
export function enHeading(scan: Scan): boolean {
  if (tableOfContents(scan.text)) return true;
  const t = scan.text.trim().replace(/\s*:$/, '');
  if (/[.!?;,]$/.test(t) || t.length > 100) return false;
  const words = t.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w));
  const content = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  return content.length >= 2 && words.length <= 12 && content.every((w) => /^[A-Z]/.test(w));
}

/**
 * "… the partners we may share your information with: (a) Affiliates …": a colon after the parties
 * or their preposition, followed by the first item of a lettered or numbered list, announces the
 * list, whose next items follow as their own paragraphs.
 */
export function enOpensList(sentence: string): boolean {
  return /\b(?:with|to|following|recipients|categories|parties|partners|providers|companies|entities)\s*:\s*\(?(?:a|i|1)[.)]\s+[A-Za-z]/.test(sentence);
}

/** Words for a list of third-party software or the parties behind it ("Third-party SDKs", "Our analytics partners"). */
const VENDOR_LIST = /\b(?:sdks?|software development kits?|third[- ]party (?:services|tools|libraries|providers|partners|vendors|technologies|software|plugins|plug-ins|integrations)|analytics (?:providers|partners|services|tools)|advertising (?:partners|networks|providers|services)|ad networks|service providers|partners|vendors|processors|sub-?processors)\b/;

/**
 * "Third-party SDKs we use: AppsFlyer, Firebase Crashlytics", or a line naming only a vendor under a
 * section about such software: each named vendor collects data from the app (which data the row
 * does not say: personal information, a vague disclosure). A row with a verb is a sentence and is read
 * as one.
 */
export function enVendorRow(scan: Scan, section: string | undefined, evidence: Evidence): Practice[] {
  const colon = scan.lower.indexOf(':');
  const head = colon >= 0 ? scan.lower.slice(0, colon) : (section ?? '').toLowerCase();
  const from = colon >= 0 ? colon + 1 : 0;
  const item = scan.lower.slice(from);
  if (!VENDOR_LIST.test(head) || item.split(/\s+/).filter(Boolean).length > 16 || scan.negations.length > 0) return [];
  if (scan.actions.some((a) => a.start >= from)) return [];
  const orgs = [...new Set(scan.orgs.filter((o) => o.start >= from).map((o) => scan.lex.orgById.get(o.id)).filter((o) => o !== undefined))];
  return orgs.map((o) => ({ actor: o.category, organization: o.id, action: 'collect' as const, dataType: 'personal_info', negated: false, evidence }));
}

const NUMBERED_ITEM = /(?:^|\s)(?:\d{1,2}|[ivx]{1,4})[.)]\s+[A-Z][a-z]/g;
// Words that open a policy's section titles ("How we use …", "Changes to this policy", "Your choices").
const TITLE_START = /[a-z]\s+(?:How|What|Where|Who|Whom|Why|When|Which|Changes|Protecting|Sharing|Contact|Contacting|Updates|Cookies|Children|Links|Choices)\b/g;

/**
 * "1. Information we collect 2. How we use information 3. Sharing …", "… Where we store and process
 * information Changes to our privacy statements How to contact us": a table of contents names the
 * practices its sections state; it states none.
 */
function tableOfContents(text: string): boolean {
  if ((text.match(NUMBERED_ITEM) ?? []).length >= 3 && !/[.;!?]\s+[A-Z]/.test(text.replace(NUMBERED_ITEM, ' '))) return true;
  return (text.match(TITLE_START) ?? []).length >= 3 && !/[.,;!?]./.test(text.trim());
}

const CONTROL_GAP = new RegExp(String.raw`^\s+(?:(?:do|does|will|would|may|might|shall|must|also|not|never|only|further)\s+)*(?:(?:are|is|be|been|have been|has been)\s+(?:(?:not|also|contractually|strictly|expressly|legally|further)\s+)*(?:obligated|obliged|required|permitted|allowed|authori[sz]ed|restricted|prohibited|forbidden|barred|bound|limited)(?:\s+by\s+(?:us|[a-z'-]+(?:\s+[a-z'-]+)?))?\s+(?:not\s+)?(?:to|from)|(?:have|has)\s+(?:no|the|any)\s+(?:right|authority|permission)\s+to)\s+$`);

/**
 * "These third parties do not have the right to use …", "They are prohibited from using …": the
 * party that a rule binds is the subject of the verb it governs, not us.
 */
export function enControlGap(gap: string): boolean {
  return CONTROL_GAP.test(gap);
}

/** "provide your information to: (1) …": the recipients are the list that follows. */
export function enToList(scan: Scan, a: Mention): boolean {
  return /^(?:[^,;.:]{0,60}?\s)?to\s*:/.test(scan.lower.slice(a.end, a.end + 80));
}

/** Words a policy uses for itself or the reader when capitalised ("to Us", "to Company"). */
const SELF_NAMES = new Set(['us', 'you', 'company', 'the', 'our', 'your', 'we', 'me', 'users', 'user', 'customers', 'members', 'them', 'it', 'this', 'that', 'these', 'those', 'such', 'any', 'all', 'third', 'other']);

const PROHIBITION = /\b(?:(?:prohibited|restricted|forbidden|barred|precluded) from|not (?:permitted|allowed|authori[sz]ed|entitled) to|(?:no|any) (?:right|authority|permission) to)\b/;
const OTHER_PURPOSE = /\b(?:for (?:any |their |its )?(?:own|other|unrelated|different|independent|any other|another)\b[^.;]{0,24}\b(?:purposes?|marketing|advertising|benefit|use)|other than (?:to|for|as)|except (?:to|for|as))\b/;

/**
 * "Our partners may not use your information for any other purpose", "vendors are not permitted to
 * use it for their own marketing": a purpose limit the policy sets for a third party restricts what
 * it was given; it states no practice of that party. An outright prohibition of an act ("prohibited
 * from collecting your e-mail address") is a promise a capture can contradict, and stays.
 */
function bindsThirdParty(scan: Scan, p: Practice): boolean {
  if (p.actor === 'first_party' || !p.negated) return false;
  return (PROHIBITION.test(scan.lower) || /\b(?:may|must|shall|can|will|could) ?not\b/.test(scan.lower)) && OTHER_PURPOSE.test(scan.lower);
}

/** The bound party holds the data it may use only for us: we gave it (the sharing the limit implies). */
function givenToBound(p: Practice): Practice {
  const { organization, actor, purpose: _purpose, ...rest } = p;
  return { ...rest, actor: 'first_party', action: 'share', negated: false, recipient: organization ?? actor };
}

const REFUSAL = /^\s*(?:if|should|where|when|in case|in the event that)\s+(?:you|users?|a user)\s+(?:(?:do|does) not|don't|doesn't|choose not to|decide not to|decline(?: to)?|refuse(?: to)?|prefer not to|opt not to|elect not to|fail to|are unwilling to)\b|^\s*without (?:it|this|that|such|these|those|your|the)\b/;
const CONSEQUENCE = /\b(?:will not|won't|cannot|can't|can not|may not|might not|unable to|not be able|no longer be able|not (?:be )?available|not work|not function|be limited|be restricted)\b/;

/**
 * "If you do not provide the requested information, we may not be able to complete your order": the
 * consequence of a refusal names no data and states no practice. A refusal that names the data ("If
 * you decline location access, …") still tells that the app asks for it, and stays.
 */
function refusedVaguely(scan: Scan, p: Practice): boolean {
  return p.dataType === 'personal_info' && p.actor === 'first_party' && REFUSAL.test(scan.lower) && CONSEQUENCE.test(scan.lower);
}

/**
 * Tuple refinements a reader makes on the whole sentence: "only to show tracking cards, never for
 * ads" states the practice and its negation; "Other than your city, we do not store any location"
 * states the excepted data positively.
 */
export function enRefine(scan: Scan, found: Practice[]): Practice[] {
  const practices: Practice[] = [];
  for (const p of found.filter((x) => !refusedVaguely(scan, x)).map((x) => (bindsThirdParty(scan, x) ? givenToBound(x) : x))) {
    if (!practices.some((o) => o.actor === p.actor && o.organization === p.organization && o.action === p.action && o.dataType === p.dataType && o.negated === p.negated && o.recipient === p.recipient)) practices.push(p);
  }
  const out = [...practices];
  const has = (p: Practice, negated: boolean) => out.some((o) => o.actor === p.actor && o.organization === p.organization && o.action === p.action && o.dataType === p.dataType && o.negated === negated);
  if (/\b(?:only|solely|exclusively)\b[^.;]*?,\s*(?:but\s+)?(?:never|not)\s+(?:for|to|in)\b/.test(scan.lower)) {
    for (const p of practices) if (!p.negated && p.action !== 'collect' && !has(p, true)) out.push({ ...p, negated: true });
  }
  // "Bank card information is collected by Alipay, not by us.": we do not.
  if (/,?\s*(?:but\s+)?not\s+by\s+us\b/.test(scan.lower)) {
    for (const { organization: _org, ...p } of practices) if (p.actor !== 'first_party' && !p.negated) out.push({ ...p, actor: 'first_party', negated: true });
  }
  const carve = /^\s*(?:other than|apart from|except for|except)\s+([^,;]+),/.exec(scan.lower);
  if (carve) {
    const span = { start: carve.index + carve[0].indexOf(carve[1]!), end: carve.index + carve[0].length - 1 };
    const excepted = new Set(scan.data.filter(inRange(span)).map((d) => d.id));
    for (const p of practices) if (p.negated && excepted.has(p.dataType)) out.splice(out.indexOf(p), 1, { ...p, negated: false });
    // The excepted data named before the verb: the negated verb holds for it positively.
    for (const p of practices) {
      if (!p.negated) continue;
      for (const id of excepted) if (!out.some((o) => o.action === p.action && o.dataType === id)) out.push({ ...p, dataType: id, negated: false });
    }
  }
  return out;
}
