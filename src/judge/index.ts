/**
 * Stage 5, judge: gaps → findings, each carrying the rules of the chosen jurisdictions that it breaks.
 * A gap that no chosen rule covers is not a finding (it stays visible in the report's observations).
 */
import type { Flow } from '../model/flow.js';
import type { Recipient } from '../model/flow.js';
import type { DisclosureClass, Finding, Gap, Observation, RuleRef, Severity } from '../model/finding.js';
import type { Evidence, PolicyExtraction } from '../model/practice.js';
import { readDataFile } from '../vocab/data-file.js';
import { ontology } from '../vocab/ontology.js';
import { conditionHolds } from './condition.js';
import { dataTypeName, listNames, recipientName } from './display-names.js';
import { flowGaps, noticeGaps, type GapOptions } from './gaps.js';
import { necessaryGaps } from './necessary.js';
import type { RulePack } from './rule-pack.js';

export { rulePacks, loadRulePack, type RulePack, type Rule } from './rule-pack.js';
export { noticeGaps, flowGaps, presentNoticeElements, type GapOptions } from './gaps.js';
export { necessaryGaps, appCategories, appCategory } from './necessary.js';
export { dataTypeName, listNames, recipientName } from './display-names.js';

const SEVERITY_ORDER: Severity[] = ['info', 'low', 'medium', 'high'];

export function severityRank(s: Severity): number {
  return SEVERITY_ORDER.indexOf(s);
}

type Messages = Record<'en' | 'zh', Record<string, string>>;
let messages: Messages | undefined;

function messageTable(): Messages {
  messages ??= readDataFile<Messages>('data', 'finding-messages.json');
  return messages;
}

/** A country or region code as a name in the report's language: `China`, `中国`; unknown codes stay as given. */
export function placeName(code: string, lang: 'en' | 'zh'): string {
  try {
    const name = new Intl.DisplayNames([lang === 'zh' ? 'zh-Hans' : 'en'], { type: 'region' }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code; // not a region code Intl knows (EEA, US-CA): the code is the name
  }
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** The message variant a gap uses, when the table has one: the one it names (facts.messageVariant), else kind.disclosure. */
function variant(gap: Gap): string | undefined {
  const named = typeof gap.facts.messageVariant === 'string' ? `${gap.kind}.${gap.facts.messageVariant}` : undefined;
  if (named && messageTable().en[named]) return named;
  const key = gap.disclosure ? `${gap.kind}.${gap.disclosure}` : undefined;
  return key && messageTable().en[key] ? key : undefined;
}

function gapHosts(gap: Gap): string[] {
  return unique([...(gap.hosts ?? []), ...gap.flows.map((f) => f.host), ...(gap.recipient ? [gap.recipient.host] : [])]);
}

/** One message for a group of gaps of the same kind and recipient organisation (or one gap). */
export function findingMessage(gaps: Gap | Gap[], lang: 'en' | 'zh' = 'en'): string {
  const group = Array.isArray(gaps) ? gaps : [gaps];
  const first = group[0] as Gap;
  const places = (codes: string[]) => listNames(codes.map((c) => placeName(c, lang)), lang);
  const values: Record<string, string> = {
    dataTypes: listNames(unique(group.flatMap((g) => (g.dataType ? [dataTypeName(g.dataType, lang)] : []))), lang),
    recipient: first.recipient ? recipientName(first.recipient, unique(group.flatMap(gapHosts)), lang) : '',
    // Phone privacy reports may know only where the company is established (facts.country).
    country: places(unique(group.flatMap((g) => (g.recipient?.country ? [g.recipient.country] : typeof g.facts.country === 'string' ? [g.facts.country] : [])))),
    promised: places(String(first.facts.promisedLocation ?? '').split(', ').filter(Boolean)),
    region: String(first.facts.region ?? ''),
    element: first.element ? ontology().noticeTitle(first.element, lang).toLowerCase() : '',
  };
  values.dataType = values.dataTypes as string;
  const table = messageTable()[lang];
  const template = table[variant(first) ?? first.kind] ?? first.kind;
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}

/**
 * Stable, deterministic ids: `kind@organisation` for behaviour findings (the organisation id, or
 * the registrable domain when the organisation is not known), `kind/element` for notice findings.
 */
export function findingId(gap: Gap): string {
  if (!gap.recipient) return `${gap.kind}/${gap.element ?? gap.dataType ?? 'policy'}`;
  const kind = variant(gap) ?? gap.kind;
  return `${kind}@${gap.recipient.organizationId ?? gap.recipient.domain}`;
}

function rulesFor(gap: Gap, packs: RulePack[], mode: 'policy' | 'full'): RuleRef[] {
  const rules: RuleRef[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules) {
      if (mode === 'policy' && rule.needs !== 'policy') continue;
      if (!conditionHolds(rule.when, gap, pack)) continue;
      rules.push({
        jurisdiction: pack.jurisdiction, rule: rule.id, ref: rule.ref,
        title: rule.title.en, titleZh: rule.title.zh, severity: rule.severity,
        ...(pack.law.url ? { url: pack.law.url } : {}),
      });
    }
  }
  return rules;
}

const DISCLOSURE_RANK: DisclosureClass[] = ['contradicted', 'omitted', 'ambiguous', 'vague', 'clear'];

function maxSeverity(rules: RuleRef[]): Severity {
  return rules.reduce<Severity>((max, r) => (severityRank(r.severity) > severityRank(max) ? r.severity : max), 'info');
}

function dedupeEvidence(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(`${e.location}|${e.text}`) && seen.add(`${e.location}|${e.text}`));
}

/** One finding from the judged gaps of one group (same kind, message variant and recipient organisation). */
function groupFinding(group: { gap: Gap; rules: RuleRef[] }[]): Finding {
  const sorted = [...group].sort((a, b) => (a.gap.dataType ?? '').localeCompare(b.gap.dataType ?? '') || (a.gap.recipient?.host ?? '').localeCompare(b.gap.recipient?.host ?? ''));
  const gaps = sorted.map((g) => g.gap);
  const first = gaps[0] as Gap;
  const dataTypes = unique(gaps.flatMap((g) => (g.dataType ? [g.dataType] : [])));
  // A rule that holds for only some data types (a sensitive-data rule) says which.
  const rules = new Map<string, RuleRef>();
  const ruleTypes = new Map<string, Set<string>>();
  for (const { gap, rules: refs } of sorted) {
    for (const ref of refs) {
      if (!rules.has(ref.rule)) rules.set(ref.rule, ref);
      if (gap.dataType) (ruleTypes.get(ref.rule) ?? ruleTypes.set(ref.rule, new Set()).get(ref.rule))?.add(gap.dataType);
    }
  }
  const ruleRefs = [...rules.values()].map((ref) => {
    const types = [...(ruleTypes.get(ref.rule) ?? [])];
    return types.length > 0 && types.length < dataTypes.length ? { ...ref, dataTypes: types } : ref;
  });
  const finding: Finding = {
    id: findingId(first), kind: first.kind, severity: maxSeverity(ruleRefs),
    message: findingMessage(gaps, 'en'), messageZh: findingMessage(gaps, 'zh'),
    evidence: { flows: gaps.flatMap((g) => g.flows), policy: dedupeEvidence(gaps.flatMap((g) => g.policy)) },
    rules: ruleRefs,
  };
  // Phone privacy reports: the accesses or contacts behind the gaps.
  const accesses = gaps.flatMap((g) => g.accesses ?? []);
  const contacts = gaps.flatMap((g) => g.contacts ?? []);
  if (accesses.length > 0) finding.evidence.accesses = accesses;
  if (contacts.length > 0) finding.evidence.contacts = contacts;
  if (dataTypes.length === 1) finding.dataType = dataTypes[0] as string;
  if (dataTypes.length > 0) finding.dataTypes = dataTypes;
  if (first.recipient) {
    const hosts = unique(gaps.flatMap(gapHosts));
    finding.recipient = { ...first.recipient, host: hosts[0] ?? first.recipient.host };
    finding.hosts = hosts;
    const countries = unique(gaps.flatMap((g) => (g.recipient?.country ? [g.recipient.country] : [])));
    if (countries.length > 0) finding.countries = countries;
    finding.items = gaps.map((g) => ({
      dataType: g.dataType ?? '', recipient: g.recipient as Recipient, hosts: gapHosts(g),
      ...(g.disclosure ? { disclosure: g.disclosure } : {}), flows: g.flows,
    }));
  }
  const disclosures = gaps.flatMap((g) => (g.disclosure ? [g.disclosure] : []));
  if (disclosures.length > 0) finding.disclosure = DISCLOSURE_RANK.find((d) => disclosures.includes(d)) as DisclosureClass;
  if (first.element) finding.element = first.element;
  return finding;
}

/** Behaviour gaps group by kind, message variant and recipient organisation; notice gaps stay one per element. */
function groupKey(gap: Gap): string {
  if (!gap.recipient) return findingId(gap);
  return `${findingId(gap)}|${gap.recipient.party}`;
}

/**
 * Applies the chosen rule packs to gaps and groups what they find into findings a reader acts on:
 * one per kind of problem and recipient organisation, listing its data types and hosts (the
 * per-pair flows stay in `items`). Sorted by severity, then id.
 */
export function judgeGaps(gaps: Gap[], packs: RulePack[], mode: 'policy' | 'full' = 'full'): Finding[] {
  const groups = new Map<string, { gap: Gap; rules: RuleRef[] }[]>();
  for (const gap of gaps) {
    const rules = rulesFor(gap, packs, mode);
    if (rules.length === 0) continue;
    const key = groupKey(gap);
    (groups.get(key) ?? groups.set(key, []).get(key))?.push({ gap, rules });
  }
  return [...groups.values()].map(groupFinding)
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
}

/** Policy and behaviour together: what `privdiff compare` reports. */
export function judge(
  observations: Observation[], flows: Flow[], policy: PolicyExtraction, packs: RulePack[], options: GapOptions = {},
  /** Gaps found elsewhere (phones' privacy reports), judged with the rest. */
  otherGaps: Gap[] = [],
): Finding[] {
  const necessary = options.appCategory ? necessaryGaps(observations, flows, options.appCategory) : [];
  return judgeGaps([...flowGaps(observations, flows, policy, options), ...necessary, ...otherGaps, ...noticeGaps(policy)], packs);
}

/** The policy alone: what `privdiff check` reports. */
export function checkPolicy(policy: PolicyExtraction, packs: RulePack[]): Finding[] {
  return judgeGaps(noticeGaps(policy), packs, 'policy');
}
