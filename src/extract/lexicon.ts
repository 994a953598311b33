/**
 * The cue lexicons of data/extract/*.json joined with the shared ontology and organisation list,
 * compiled once per language into phrase tables the matcher reads.
 */
import { readDataFile } from '../vocab/data-file.js';
import { ontology } from '../vocab/ontology.js';
import type { Action, PolicyLanguage } from '../model/practice.js';

export interface CueFile {
  abbreviations?: string[];
  extraActions: Partial<Record<Action, string[]>>;
  provisionVerbs: string[];
  ambiguousShare: string[];
  userSubjects: string[];
  firstPartySubjects: string[];
  negations: string[];
  negationBlockers: string[];
  consentNegations: string[];
  exceptionCues: string[];
  conditions: Record<string, string[]>;
  purposeMarkers: string[];
  recipientPrepositions: string[];
  agentPrepositions: string[];
  clauseBreaks: string[];
  pronounRefs: string[];
  /** Subjects that point back to the party named before ("It does not receive …", "该SDK不会…"). */
  antecedentSubjects: string[];
  /** Phrases in which an action word is a noun, not a verb ("access controls", "处理者"). */
  actionBlockers: string[];
  /** Sentences about the policy itself ("This policy explains how we collect …"): no practice. */
  metaStatementPatterns: string[];
  /** Words for children as data subjects ("from children", "儿童的个人信息"). */
  childSubjects: string[];
  blockedContexts: Record<string, string[]>;
  weakRecipients: string[];
  thirdPartyModifiers: string[];
  /** "prevent unauthorised access", "防止泄露、未经授权访问": the verbs after it name a harm, not a practice. */
  preventionMarkers: string[];
  /** Verbs whose object may be left out and means the information just described ("拒绝提供"). */
  elidedObjectCues: string[];
  /** Bare data nouns read as personal_info when no ontology term covers them. */
  genericData: string[];
  /** Phrases in which a generic data noun is not personal data ("for more information"). */
  genericBlockers: string[];
  /** Nouns a data term can modify ("个人信息的处理规则"): the data is then not a verb's object. */
  nominalHeads: string[];
  /** "In the event of a merger …": a transfer there goes to the acquiring party even when none is named. */
  businessTransferCues?: string[];
  /** Sentences about safeguards ("we use SSL to protect your information"): a security notice, not collection or use. */
  securityNoticePatterns?: string[];
  /** "email you", "call you": contacting the user uses the address or number the verb needs (phrase → data type). */
  contactVerbs?: Record<string, string>;
  /** Chinese: sentences that state no practice, by family (consent-exception items, refusal consequences, …). */
  noPracticePatterns?: Record<string, string[]>;
  /** Chinese: "不得", "无权" before a party's verb: a restriction on it, not its practice. */
  restrictionCues?: string[];
  /** Chinese: nouns that, right after 使用/处理, show the verb has no data object ("使用我们的产品"). */
  nonDataObjects?: string[];
}

interface PlacesFile {
  places: Record<string, string[]>;
  abroad: Record<PolicyLanguage, string[]>;
  stays: Record<PolicyLanguage, string[]>;
}

interface OrganizationFile {
  organizations: { id: string; name: string; aliases: Record<PolicyLanguage, string[]>; category: string; country: string }[];
}

export interface Organization {
  id: string;
  name: string;
  category: string;
}

/** One phrase table: surface form (lower-case) → id. */
export type PhraseTable = Map<string, string>;

export interface Lexicon {
  lang: PolicyLanguage;
  cues: CueFile;
  dataTypes: PhraseTable;
  recipients: PhraseTable;
  organizations: PhraseTable;
  orgById: Map<string, Organization>;
  actions: PhraseTable;
  places: PhraseTable;
  abroad: string[];
  stays: string[];
  /** Every personal-information term, for the Chinese segmenter's dictionary. */
  allTerms: string[];
}

const cache = new Map<PolicyLanguage, Lexicon>();

function add(table: PhraseTable, terms: string[], id: string): void {
  // The first id given for a surface form keeps it: ontology order puts the specific meaning first.
  for (const t of terms) {
    const k = t.toLowerCase();
    if (!table.has(k)) table.set(k, id);
  }
}

export function lexicon(lang: PolicyLanguage): Lexicon {
  const hit = cache.get(lang);
  if (hit) return hit;
  const cues = readDataFile<CueFile>('data', 'extract', `${lang}.json`);
  const placesFile = readDataFile<PlacesFile>('data', 'extract', 'places.json');
  const orgFile = readDataFile<OrganizationFile>('data', 'organizations.json');
  const onto = ontology();
  const dataTypes: PhraseTable = new Map();
  for (const d of onto.file.dataTypes) {
    add(dataTypes, d.terms[lang], d.id);
    // A term listed under a type and under its descendant ("浏览记录": usage data, browsing history) names the narrower one.
    for (const t of d.terms[lang]) {
      const listed = dataTypes.get(t.toLowerCase());
      if (listed !== undefined && listed !== d.id && onto.dataTypeCovers(listed, d.id)) dataTypes.set(t.toLowerCase(), d.id);
    }
  }
  const recipients: PhraseTable = new Map();
  for (const r of onto.file.recipients) if (r.id !== 'first_party') add(recipients, r.terms[lang], r.id);
  const actions: PhraseTable = new Map();
  // transfer_abroad phrases are longer than the share verbs inside them, so longest-match picks them.
  for (const a of onto.file.actions) add(actions, a.terms[lang], a.id);
  for (const [id, terms] of Object.entries(cues.extraActions)) add(actions, terms ?? [], id);
  const organizations: PhraseTable = new Map();
  const orgById = new Map<string, Organization>();
  for (const o of orgFile.organizations) {
    add(organizations, [...o.aliases.en, ...o.aliases.zh], o.id);
    orgById.set(o.id, { id: o.id, name: o.name, category: o.category });
  }
  const places: PhraseTable = new Map();
  for (const [code, names] of Object.entries(placesFile.places)) add(places, names, code);
  const lex: Lexicon = {
    lang, cues, dataTypes, recipients, organizations, orgById, actions, places,
    abroad: placesFile.abroad[lang], stays: placesFile.stays[lang],
    allTerms: [...dataTypes.keys(), ...recipients.keys(), ...actions.keys()],
  };
  cache.set(lang, lex);
  return lex;
}
