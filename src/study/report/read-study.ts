/**
 * A study's current results (each app's latest run) read from DIR/study.sqlite, for the study
 * report, the CSV export and the diff.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../errors.js';
import type { Severity } from '../../model/finding.js';
import type { StoredRecipient } from '../app-job.js';
import { DB_FILE, StudyStore } from '../store.js';

export interface StudyAppRow {
  id: string;
  origin: string;
  labels: Record<string, string | number | boolean>;
  status: 'done' | 'failed' | 'not_run';
  error?: string;
  finished?: string;
  version?: string;
  policyLanguage?: string;
  flows: number;
  encryptedFlows: number;
  partlyDecryptedFlows: number;
  unreadable: string[];
  bySeverity: Record<Severity, number>;
  findings: number;
  /** Relative to the study folder. */
  reportHtml?: string;
}

export interface StudyObservationRow {
  appId: string;
  dataType: string;
  recipient: StoredRecipient;
  disclosure: string;
  flowCount: number;
  cleartext: boolean;
}

export interface StudyFindingRow {
  appId: string;
  findingId: string;
  kind: string;
  severity: Severity;
  dataType?: string;
  recipient?: StoredRecipient;
  disclosure?: string;
  element?: string;
  message: string;
  rules: { jurisdiction: string; rule: string; ref: string }[];
}

export interface StudyData {
  dir: string;
  apps: StudyAppRow[];
  observations: StudyObservationRow[];
  findings: StudyFindingRow[];
}

interface RecipientColumns { host: string; domain: string; organization: string; organization_id: string; category: string; party: 'first' | 'third'; country: string }

function recipient(r: RecipientColumns): StoredRecipient {
  const out: StoredRecipient = { host: r.host, domain: r.domain, party: r.party };
  if (r.organization) out.organization = r.organization;
  if (r.organization_id) out.organizationId = r.organization_id;
  if (r.category) out.category = r.category;
  if (r.country) out.country = r.country;
  return out;
}

export function readStudy(dir: string): StudyData {
  const file = path.join(dir, DB_FILE);
  if (!existsSync(file)) throw new InputError(dir, `not a study folder: no ${DB_FILE} (run privdiff study run … --out ${dir} first)`);
  const store = new StudyStore(file, { readonly: true });
  try {
    const db = store.db;
    const apps = (db.prepare(`SELECT apps.id, apps.origin, apps.labels, r.status, r.error, r.finished, r.version, r.policy_language, r.flows, r.encrypted_flows,
        r.partly_decrypted_flows, r.unreadable, r.findings, r.high, r.medium, r.low, r.info, r.report_html
      FROM apps LEFT JOIN runs r ON r.id = apps.last_run ORDER BY apps.id`).all() as Record<string, unknown>[]).map((a): StudyAppRow => {
      const row: StudyAppRow = {
        id: String(a.id), origin: String(a.origin), labels: JSON.parse(String(a.labels)) as StudyAppRow['labels'],
        status: (a.status as 'done' | 'failed' | null) ?? 'not_run',
        flows: Number(a.flows ?? 0), encryptedFlows: Number(a.encrypted_flows ?? 0), partlyDecryptedFlows: Number(a.partly_decrypted_flows ?? 0),
        unreadable: JSON.parse(String(a.unreadable ?? '[]')) as string[],
        bySeverity: { high: Number(a.high ?? 0), medium: Number(a.medium ?? 0), low: Number(a.low ?? 0), info: Number(a.info ?? 0) },
        findings: Number(a.findings ?? 0),
      };
      if (a.error) row.error = String(a.error);
      if (a.finished) row.finished = String(a.finished);
      if (a.version) row.version = String(a.version);
      if (a.policy_language) row.policyLanguage = String(a.policy_language);
      if (a.report_html) row.reportHtml = String(a.report_html);
      return row;
    });
    const observations = (db.prepare(`SELECT r.app_id, o.data_type, o.disclosure, o.flow_count, o.cleartext, rc.host, rc.domain, rc.organization, rc.organization_id, rc.category, rc.party, rc.country
      FROM observations o JOIN current_runs r ON r.id = o.run_id JOIN recipients rc ON rc.id = o.recipient_id ORDER BY r.app_id, o.rowid`).all() as (RecipientColumns & Record<string, unknown>)[])
      .map((o): StudyObservationRow => ({ appId: String(o.app_id), dataType: String(o.data_type), recipient: recipient(o), disclosure: String(o.disclosure), flowCount: Number(o.flow_count), cleartext: o.cleartext === 1 }));
    const rules = new Map<number, StudyFindingRow['rules']>();
    for (const r of db.prepare('SELECT fr.finding, fr.jurisdiction, fr.rule, fr.ref FROM finding_rules fr JOIN findings f ON f.id = fr.finding JOIN current_runs r ON r.id = f.run_id ORDER BY fr.rowid').all() as { finding: number; jurisdiction: string; rule: string; ref: string }[]) {
      const list = rules.get(r.finding) ?? [];
      list.push({ jurisdiction: r.jurisdiction, rule: r.rule, ref: r.ref });
      rules.set(r.finding, list);
    }
    const findings = (db.prepare(`SELECT f.id AS row_id, r.app_id, f.finding_id, f.kind, f.severity, f.data_type, f.disclosure, f.element, f.message,
        rc.host, rc.domain, rc.organization, rc.organization_id, rc.category, rc.party, rc.country
      FROM findings f JOIN current_runs r ON r.id = f.run_id LEFT JOIN recipients rc ON rc.id = f.recipient_id ORDER BY r.app_id, f.id`).all() as (RecipientColumns & Record<string, unknown>)[])
      .map((f): StudyFindingRow => {
        const row: StudyFindingRow = { appId: String(f.app_id), findingId: String(f.finding_id), kind: String(f.kind), severity: f.severity as Severity, message: String(f.message), rules: rules.get(Number(f.row_id)) ?? [] };
        if (f.data_type) row.dataType = String(f.data_type);
        if (f.host) row.recipient = recipient(f);
        if (f.disclosure) row.disclosure = String(f.disclosure);
        if (f.element) row.element = String(f.element);
        return row;
      });
    return { dir, apps, observations, findings };
  } finally {
    store.close();
  }
}
