/**
 * Stage 5, judge: gaps → findings, each carrying the rules of the chosen jurisdictions that it breaks.
 * A gap that no chosen rule covers is not a finding (it stays visible in the report's observations).
 */
import type { Flow } from '../model/flow.js';
import type { Finding, Gap, Observation, RuleRef, Severity } from '../model/finding.js';
import type { PolicyExtraction } from '../model/practice.js';
import { readDataFile } from '../vocab/data-file.js';
import { ontology } from '../vocab/ontology.js';
import { conditionHolds } from './condition.js';
import { flowGaps, noticeGaps, type GapOptions } from './gaps.js';
import { necessaryGaps } from './necessary.js';
import type { RulePack } from './rule-pack.js';

export { rulePacks, loadRulePack, type RulePack, type Rule } from './rule-pack.js';
export { noticeGaps, flowGaps, presentNoticeElements, type GapOptions } from './gaps.js';
export { necessaryGaps, appCategories, appCategory } from './necessary.js';

const SEVERITY_ORDER: Severity[] = ['info', 'low', 'medium', 'high'];

export function severityRank(s: Severity): number {
  return SEVERITY_ORDER.indexOf(s);
}

type Messages = Record<'en' | 'zh', Record<string, string>>;
let messages: Messages | undefined;

export function findingMessage(gap: Gap, lang: 'en' | 'zh' = 'en'): string {
  messages ??= readDataFile<Messages>('data', 'finding-messages.json');
  const o = ontology();
  const values: Record<string, string> = {
    dataType: gap.dataType ? o.dataTypeTitle(gap.dataType, lang) : '',
    recipient: gap.recipient ? (gap.recipient.organization ? `${gap.recipient.host} (${gap.recipient.organization})` : gap.recipient.host) : '',
    country: gap.recipient?.country ?? (typeof gap.facts.country === 'string' ? gap.facts.country : ''),
    element: gap.element ? o.noticeTitle(gap.element, lang).toLowerCase() : '',
    disclosure: gap.disclosure ?? '',
    condition: String(gap.facts.condition ?? ''),
  };
  const table = messages[lang];
  // A gap may name its wording variant (facts.messageVariant), else the disclosure picks one.
  const variant = typeof gap.facts.messageVariant === 'string' ? table[`${gap.kind}.${gap.facts.messageVariant}`] : undefined;
  const template = variant || (gap.disclosure && table[`${gap.kind}.${gap.disclosure}`]) || table[gap.kind] || gap.kind;
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}

export function findingId(gap: Gap): string {
  const subject = gap.element ?? gap.dataType ?? 'policy';
  return gap.recipient ? `${gap.kind}/${subject}@${gap.recipient.domain}` : `${gap.kind}/${subject}`;
}

/** Applies the chosen rule packs to gaps; returns findings sorted by severity, then id. */
export function judgeGaps(gaps: Gap[], packs: RulePack[], mode: 'policy' | 'full' = 'full'): Finding[] {
  const findings: Finding[] = [];
  for (const gap of gaps) {
    const rules: RuleRef[] = [];
    for (const pack of packs) {
      for (const rule of pack.rules) {
        if (mode === 'policy' && rule.needs !== 'policy') continue;
        if (!conditionHolds(rule.when, gap, pack)) continue;
        rules.push({
          jurisdiction: pack.jurisdiction, rule: rule.id, ref: rule.ref,
          title: rule.title.en, titleZh: rule.title.zh, severity: rule.severity,
        });
      }
    }
    if (rules.length === 0) continue;
    const severity = rules.reduce<Severity>((max, r) => (severityRank(r.severity) > severityRank(max) ? r.severity : max), 'info');
    const finding: Finding = {
      id: findingId(gap), kind: gap.kind, severity, message: findingMessage(gap, 'en'), messageZh: findingMessage(gap, 'zh'),
      evidence: { flows: gap.flows, policy: gap.policy }, rules,
    };
    if (gap.accesses) finding.evidence.accesses = gap.accesses;
    if (gap.contacts) finding.evidence.contacts = gap.contacts;
    if (gap.dataType) finding.dataType = gap.dataType;
    if (gap.recipient) finding.recipient = gap.recipient;
    if (gap.disclosure) finding.disclosure = gap.disclosure;
    if (gap.element) finding.element = gap.element;
    findings.push(finding);
  }
  return findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
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
