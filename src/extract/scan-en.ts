/**
 * English word-level readings the phrase tables cannot make alone: action words used as nouns or
 * adjectives, "ask you to provide" (our collection), what reaches "us", cookie-setting verbs,
 * deletion after a stated period (retention), and data terms that belong to another noun
 * ("phone numbers in your contact list" are contacts), and what is shown to other users or the public
 * (a disclosure to the public).
 */
import type { Mention } from './match.js';

/** Action words that are also nouns: after a determiner ("every request", "our records") they name a thing. */
const NOUNABLE = new Set(['request', 'requests', 'record', 'records', 'log', 'logs', 'access', 'scan', 'scans', 'capture', 'store', 'stores', 'upload', 'uploads', 'match', 'matches', 'hold', 'use', 'uses', 'read']);
const DETERMINER = /\b(?:a|an|the|every|each|this|that|any|its|their|his|her|such|no|our|your|all|these|those)\s+$/;
const ASK_TO_PROVIDE = /\b(?:ask|asks|asked|require|requires|required|request|requests|invite|invites|prompt|prompts|prompted)\s+(?:(?:you|users|the user|customers)\s+to|that\s+(?:you|users|the user|customers)(?:\s+(?:will|must|should))?)\s+(?:provide|disclose|share|enter|submit|give|upload|send|supply|tell us|fill in)\b/g;
const COOKIE_SETTING = /\b(?:set|sets|place|places|placed|drop|drops|dropped|serve|serves)\s+(?:or\s+[a-z]+\s+)?(?:(?:a|an|its|their|our|own|unique|third-party|tracking|advertising|persistent|session)\s+){0,3}(?="?cookies?\b)/g;
/** "We provide these companies with your e-mail address": the party provided with data receives it. */
const PROVIDE_PARTY_WITH = /\b(provide|provides|provided|supply|supplies|furnish|furnishes)\s+(?:these|such|those|our|the|third|other|certain|selected|trusted)\s+(?:[a-z-]+\s+){0,3}?(?:companies|parties|partners|vendors|providers|affiliates|advertisers|agents|contractors|processors|organizations|organisations|entities)\s+(?:(?:only|solely|also)\s+)?with\b/g;
const DELETION = /\b(?:deleted|purged|erased|destroyed|removed|anonymi[sz]ed)\b(?=\s+(?:(?:automatically|permanently)\s+)?(?:(?:after|within)\s+(?:\d+|one|two|three|four|five|six|seven|ten|twelve|fourteen|thirty|sixty|ninety|a|an)\s+(?:hours?|days?|weeks?|months?|years?)|(?:immediately|promptly|right)\s+(?:after|once|when)|as soon as))/g;
// Parties too vague for the recipient table ("other users", "the public" are in it and act as third parties).
const UNNAMED_OTHERS = String.raw`(?:others|anyone|anybody|someone|other people|strangers)`;
const OTHERS_BEFORE = new RegExp(String.raw`\b${UNNAMED_OTHERS}\s+(?:(?:may|might|can|could|will|would|also|then)\s+)*(?:[a-z]+\s+(?:and|or)\s+)?$`);
const OTHERS_AFTER = new RegExp(String.raw`^(?:\s+(?:and|or)\s+[a-z]+)?\s+by\s+${UNNAMED_OTHERS}\b`);
/** "we need your bank card details": what we need from the user we collect (not "we need to …", "we need your consent"). */
const WE_NEED = /\bwe\s+(?:(?:will|may|also|only|might|would)\s+)*(need|require)\b(?!\s+(?:to|you|your (?:consent|permission|agreement)|consent|permission)\b)/g;
/** "give consultants … temporary access to information": the party given access receives the data. */
const GIVE_ACCESS = /\b(give|gives|given|grant|grants|granted|provide|provides)\s+(?!you\b|users?\b|visitors\b|customers\b)(?:(?!to\b|have\b|has\b|had\b|may\b|will\b)[a-z,-]+\s+){1,10}?(?:(?:temporary|limited|restricted|direct)\s+)?access\s+to\b/g;
const NOMINAL = /^(?:[a-z]+(?:ion|ing|ure|age)|use|uses|transfer|transfers|sale)$/;
const TOPIC_BEFORE = /\b(?:regarding|concerning|governing|relating to|related to|with respect to|with regard to|in respect of)\s+(?:the|its|our|their|any|[a-z-]+'s?)\s+(?:[a-z-]+,?\s+(?:(?:and|or|and\/or)\s+)?){0,4}$/;
const CONTACT_LIST = /^\s+(?:in|from|of|stored in)\s+(?:your|the user's|a user's|their)\s+(?:contact list|address book|contacts|phone book|phonebook)\b/;

// The audience of a public display: users of the service or anyone at all.
const AUDIENCE = String.raw`(?:other (?:users|members|players|visitors|participants|people)|others|the (?:general )?public|members of the public|anyone|anybody|everyone|all users|your (?:friends|followers|contacts))`;
/**
 * "is visible to other users", "are made public", "can be seen by anyone", "other players may see":
 * what is shown to them is disclosed to the public. The span holds the audience, which is the
 * verb's recipient.
 */
const PUBLIC_DISPLAY = new RegExp([
  String.raw`\b(?:made|make|makes|making)\s+(?:it\s+|them\s+)?public(?:ly\s+(?:available|visible|accessible))?\b`,
  String.raw`\bpublicly\s+(?:available|visible|accessible|displayed|viewable|shown|posted|searchable)\b`,
  String.raw`\b(?:displayed|shown|posted|visible|viewable|searchable|appears?|appear)\s+publicly\b`,
  String.raw`\b(?:becomes?|became|become)\s+public\b`,
  String.raw`\b(?:visible|viewable|available|accessible|displayed|shown|disclosed|revealed)\s+to\s+${AUDIENCE}`,
  String.raw`\b(?:seen|viewed|read|accessed|found)\s+by\s+${AUDIENCE}`,
  String.raw`\b${AUDIENCE}\s+(?:(?:may|can|could|will|might|would)\b\s*)?(?:,\s*(?:for example|for instance|e\.g\.)\s*,\s*)?(?:(?:also|then)\s+)?(?:be able to\s+)?(?:see|view)\b`,
].join('|'), 'g');

/** "visible to other users": a verb phrase of PUBLIC_DISPLAY, which the service performs whoever posted the data. */
export function isPublicDisplay(verb: Mention): boolean {
  return verb.id === 'share' && new RegExp(`^(?:${PUBLIC_DISPLAY.source})$`).test(verb.term);
}

/** Public displays in a sentence: each is a sharing whose recipient is the public (see PUBLIC_DISPLAY). */
function publicDisplays(lower: string): Mention[] {
  return [...lower.matchAll(PUBLIC_DISPLAY)].map((m) => ({ id: 'share', term: m[0], start: m.index, end: m.index + m[0].length }));
}

/**
 * Word-level corrections of the phrase-table matches (in place). Returns the recipients the
 * corrections introduce: the audience of a public display, spanning its verb phrase.
 */
export function refineEnglish(lower: string, data: Mention[], actions: Mention[], negations: Mention[]): Mention[] {
  const keep = (a: Mention): boolean => {
    const before = lower.slice(Math.max(0, a.start - 16), a.start);
    const after = lower.slice(a.end, a.end + 24);
    if (NOUNABLE.has(a.term) && (DETERMINER.test(before) || /^\s+of\b/.test(after) || (/^\s*(?:[-•*]\s*)?$/.test(lower.slice(0, a.start)) && /^\s+to\b/.test(after)))) return false;
    // "we keep receiving your position": keep is aspect there, not retention.
    if (/^(?:keep|keeps|kept|keeping)$/.test(a.term) && /^\s+[a-z]+ing\b/.test(after)) return false;
    // "your stored photos": a participle before its noun is an adjective.
    if (/ed$/.test(a.term) && /\b(?:your|the|our|any|all|their|its|such|these|those)\s+$/.test(before) && data.some((d) => d.start === a.end + 1)) return false;
    // "Information collected in the EEA may be transferred": the participle only says where it came from.
    if (a.id === 'collect' && /ed$/.test(a.term) && (/\b(?:information|data|details)\s+$/.test(before) || data.some((d) => d.end === a.start - 1))
      && /^\s+(?:in|from|by|through|via|during|on|at|about|when|while)\b/.test(after) && actions.some((x) => x.start > a.end)) return false;
    // "complies with the Safe Harbor Framework regarding the collection, use, and retention of personal
    // information": practices named as a topic are not stated.
    if (NOMINAL.test(a.term) && TOPIC_BEFORE.test(lower.slice(Math.max(0, a.start - 80), a.start))) return false;
    // "anyone may take and use that information", "may be collected and used by others": not our practice.
    if (OTHERS_BEFORE.test(lower.slice(Math.max(0, a.start - 48), a.start)) || OTHERS_AFTER.test(lower.slice(a.end, a.end + 40))) return false;
    return true;
  };
  const kept = actions.filter(keep);
  for (const m of lower.matchAll(ASK_TO_PROVIDE)) {
    const span = { id: 'collect', term: m[0], start: m.index, end: m.index + m[0].length };
    for (let i = kept.length - 1; i >= 0; i--) if (kept[i]!.start < span.end && kept[i]!.end > span.start) kept.splice(i, 1);
    kept.push(span);
  }
  for (const m of lower.matchAll(GIVE_ACCESS)) {
    const end = m.index + m[0].length;
    for (let i = kept.length - 1; i >= 0; i--) if (kept[i]!.start < end && kept[i]!.end > m.index) kept.splice(i, 1);
    kept.push({ id: 'share', term: m[0], start: m.index, end });
  }
  for (const m of lower.matchAll(PROVIDE_PARTY_WITH)) {
    const verb = kept.find((a) => a.start === m.index);
    if (verb) verb.id = 'share';
    else kept.push({ id: 'share', term: m[1]!, start: m.index, end: m.index + m[1]!.length });
  }
  const shown = publicDisplays(lower);
  for (const d of shown) {
    for (let i = kept.length - 1; i >= 0; i--) if (kept[i]!.start < d.end && kept[i]!.end > d.start) kept.splice(i, 1);
    kept.push(d);
  }
  for (const m of lower.matchAll(WE_NEED)) {
    const start = m.index + m[0].length - m[1]!.length;
    if (!kept.some((a) => a.start < start + m[1]!.length && a.end > start)) kept.push({ id: 'collect', term: m[1]!, start, end: start + m[1]!.length });
  }
  for (const m of lower.matchAll(COOKIE_SETTING)) {
    const verb = m[0].split(/\s+/)[0]!;
    if (!kept.some((a) => a.start === m.index)) kept.push({ id: 'use', term: verb, start: m.index, end: m.index + verb.length });
  }
  for (const m of lower.matchAll(DELETION)) {
    if (kept.some((a) => a.start < m.index + m[0].length && a.end > m.index)) continue;
    kept.push({ id: 'retain', term: m[0], start: m.index, end: m.index + m[0].length });
    // "deleted immediately after they are converted": not kept.
    if (/^\s+(?:(?:automatically|permanently)\s+)?(?:immediately|promptly|right|as soon as)/.test(lower.slice(m.index + m[0].length))) {
      negations.push({ id: 'not kept', term: '', start: m.index, end: m.index });
    }
  }
  for (const a of kept) {
    if (givenToUs(lower, a)) a.id = 'collect';
    // "Information you provide to us when you …, or link your profile on a third-party site": the
    // phrase's direction is settled by "us", whatever party the sentence names later.
    const bare = /^(provide|provided|submit|submitted) to$/.exec(a.term);
    if (bare && /^\s+us\b/.test(lower.slice(a.end, a.end + 8))) { a.term = bare[1]!; a.id = 'collect'; }
  }
  actions.splice(0, actions.length, ...kept.sort((a, b) => a.start - b.start));
  negations.sort((a, b) => a.start - b.start);
  for (let i = data.length - 1; i >= 0; i--) {
    const d = data[i]!;
    const before = lower.slice(Math.max(0, d.start - 30), d.start);
    const owned = d.id !== 'contacts' && (CONTACT_LIST.test(lower.slice(d.end, d.end + 40)) || /contacts'\s+(?:[a-z]+\s+(?:and|or)\s+)?$/.test(before));
    // "handled by the operating system": the agent of a passive is no object.
    const agent = /\bby\s+the\s+$/.test(before) && actions.some((a) => a.end <= d.start && d.start - a.end <= 12);
    // 'your home address ("Delivery Location")': the name being defined is no second mention.
    // A name that is itself a data term ('… (collectively, "Usage Data")') stays.
    const naming = !/^"/.test(lower.slice(d.end, d.end + 1)) || !/"$/.test(lower.slice(d.start - 1, d.start))
      ? data.some((o) => o.end <= d.start && DEFINED_NAME_BEFORE.test(lower.slice(o.end, d.start)))
      : false;
    if (owned || agent || naming) data.splice(i, 1);
  }
  return shown.map((d) => ({ ...d, id: 'public' }));
}

/** Between a data mention and a word of the name it is given: '… ("Delivery ', '… (collectively, the "'. */
const DEFINED_NAME_BEFORE = /^[^.;()]{0,40}\(\s*(?:(?:collectively|together|jointly|hereinafter|the)\s*,?\s*)*"[^"()]{0,30}$/;

const GIVING = /^(?:give|gives|gave|provide|provides|provided|share|shares|shared|send|sends|sent|pass|passes|passed|transmit|transmits|transmitted|forward|forwards|forwarded)$/;

/** "Sign in with Google gives us your name", "Apple shares with us", "transmitted to us": what reaches us is our collection. */
export function givenToUs(lower: string, verb: Mention): boolean {
  // "Contact details you give us": the user gives, and that is already our collection.
  return GIVING.test(verb.term) && /^\s+(?:(?:with|to)\s+)?us\b/.test(lower.slice(verb.end, verb.end + 10)) && !/\b(?:you|users?)\s+(?:[a-z]+\s+)?$/.test(lower.slice(Math.max(0, verb.start - 24), verb.start));
}
