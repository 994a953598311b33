/**
 * The study page's numbers, computed from the current results: apps by their worst severity, the
 * organisations receiving personal data across apps, the commonest undisclosed practices, findings
 * per jurisdiction and rule. Plain functions of StudyData, tested on their own.
 */
import type { Severity } from '../../model/finding.js';
import type { StudyAppRow, StudyData } from './read-study.js';

export const SEVERITIES: Severity[] = ['high', 'medium', 'low', 'info'];
export type AppVerdict = Severity | 'none' | 'failed' | 'not_run';
export const VERDICTS: AppVerdict[] = ['high', 'medium', 'low', 'info', 'none', 'failed', 'not_run'];

export function appVerdict(app: StudyAppRow): AppVerdict {
  if (app.status !== 'done') return app.status;
  return SEVERITIES.find((s) => app.bySeverity[s] > 0) ?? 'none';
}

export function appsByVerdict(data: StudyData): Record<AppVerdict, number> {
  const out = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<AppVerdict, number>;
  for (const app of data.apps) out[appVerdict(app)]++;
  return out;
}

export function findingsBySeverity(data: StudyData): Record<Severity, number> {
  const out: Record<Severity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  for (const f of data.findings) out[f.severity]++;
  return out;
}

const UNDISCLOSED = new Set(['omitted', 'contradicted']);

export interface RecipientAcrossApps {
  /** Organisation name, or the domain when no owner is known. */
  name: string;
  party: 'first' | 'third';
  countries: string[];
  apps: number;
  /** Apps in which at least one of its data types was not disclosed (omitted or contradicted). */
  undisclosedApps: number;
  dataTypes: string[];
}

export function recipientsAcrossApps(data: StudyData): RecipientAcrossApps[] {
  const by = new Map<string, { name: string; party: 'first' | 'third'; countries: Set<string>; apps: Set<string>; undisclosed: Set<string>; dataTypes: Set<string> }>();
  for (const o of data.observations) {
    const name = o.recipient.organization ?? o.recipient.domain;
    const key = `${name}\u0000${o.recipient.party}`;
    const entry = by.get(key) ?? { name, party: o.recipient.party, countries: new Set(), apps: new Set(), undisclosed: new Set(), dataTypes: new Set() };
    if (o.recipient.country) entry.countries.add(o.recipient.country);
    entry.apps.add(o.appId);
    if (UNDISCLOSED.has(o.disclosure)) entry.undisclosed.add(o.appId);
    entry.dataTypes.add(o.dataType);
    by.set(key, entry);
  }
  return [...by.values()]
    .map((e) => ({ name: e.name, party: e.party, countries: [...e.countries].sort(), apps: e.apps.size, undisclosedApps: e.undisclosed.size, dataTypes: [...e.dataTypes].sort() }))
    .sort((a, b) => b.apps - a.apps || b.undisclosedApps - a.undisclosedApps || a.name.localeCompare(b.name));
}

const UNDISCLOSED_KINDS = new Set(['undisclosed_collection', 'undisclosed_sharing', 'contradicted_statement', 'undisclosed_cross_border']);

export interface PracticeAcrossApps {
  kind: string;
  dataType: string;
  apps: number;
  recipients: string[];
}

export function undisclosedPractices(data: StudyData): PracticeAcrossApps[] {
  const by = new Map<string, { kind: string; dataType: string; apps: Set<string>; recipients: Set<string> }>();
  for (const f of data.findings) {
    if (!UNDISCLOSED_KINDS.has(f.kind) || !f.dataType) continue;
    const key = `${f.kind}\u0000${f.dataType}`;
    const entry = by.get(key) ?? { kind: f.kind, dataType: f.dataType, apps: new Set(), recipients: new Set() };
    entry.apps.add(f.appId);
    if (f.recipient) entry.recipients.add(f.recipient.organization ?? f.recipient.domain);
    by.set(key, entry);
  }
  return [...by.values()]
    .map((e) => ({ kind: e.kind, dataType: e.dataType, apps: e.apps.size, recipients: [...e.recipients].sort() }))
    .sort((a, b) => b.apps - a.apps || a.kind.localeCompare(b.kind) || a.dataType.localeCompare(b.dataType));
}

export interface RuleAcrossApps {
  jurisdiction: string;
  rule: string;
  ref: string;
  findings: number;
  apps: number;
}

export function findingsPerRule(data: StudyData): RuleAcrossApps[] {
  const by = new Map<string, { jurisdiction: string; rule: string; ref: string; findings: number; apps: Set<string> }>();
  for (const f of data.findings) {
    for (const r of f.rules) {
      const entry = by.get(r.rule) ?? { jurisdiction: r.jurisdiction, rule: r.rule, ref: r.ref, findings: 0, apps: new Set() };
      entry.findings++;
      entry.apps.add(f.appId);
      by.set(r.rule, entry);
    }
  }
  return [...by.values()]
    .map((e) => ({ jurisdiction: e.jurisdiction, rule: e.rule, ref: e.ref, findings: e.findings, apps: e.apps.size }))
    .sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction) || b.apps - a.apps || a.rule.localeCompare(b.rule));
}

/** Apps whose reports could not see everything: encrypted or partly decrypted flows, unreadable input. */
export function partlyReadApps(data: StudyData): StudyAppRow[] {
  return data.apps.filter((a) => a.status === 'done' && (a.encryptedFlows > 0 || a.partlyDecryptedFlows > 0 || a.unreadable.length > 0));
}
