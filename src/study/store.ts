/**
 * The study database, DIR/study.sqlite (better-sqlite3). Schema and the questions its indexes
 * serve: docs/study-db.md. Each app's result is written in one transaction, so a study stopped at
 * any moment keeps every result it had finished and none half-written.
 */
import Database from 'better-sqlite3';
import type { AppJob, ManifestFault, StoredRecipient, StudyApp, AppResult } from './app-job.js';
import { appOptions } from './input-hash.js';

export const SCHEMA_VERSION = 1;
export const DB_FILE = 'study.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS apps (
  id TEXT PRIMARY KEY,
  origin TEXT NOT NULL,
  policy TEXT,
  captures TEXT NOT NULL DEFAULT '[]',
  labels TEXT NOT NULL DEFAULT '{}',
  last_run INTEGER REFERENCES runs(id)
);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  app_id TEXT NOT NULL REFERENCES apps(id),
  run_key TEXT NOT NULL,
  input_hash TEXT,
  options TEXT NOT NULL,
  version TEXT NOT NULL,
  queue TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  error TEXT,
  finished TEXT NOT NULL,
  duration_ms INTEGER,
  worker TEXT,
  policy_language TEXT,
  flows INTEGER,
  encrypted_flows INTEGER,
  partly_decrypted_flows INTEGER,
  unreadable TEXT NOT NULL DEFAULT '[]',
  findings INTEGER NOT NULL DEFAULT 0,
  high INTEGER NOT NULL DEFAULT 0,
  medium INTEGER NOT NULL DEFAULT 0,
  low INTEGER NOT NULL DEFAULT 0,
  info INTEGER NOT NULL DEFAULT 0,
  report_json TEXT,
  report_html TEXT
);
CREATE INDEX IF NOT EXISTS runs_app ON runs (app_id, id);
CREATE INDEX IF NOT EXISTS runs_key ON runs (run_key);
CREATE TABLE IF NOT EXISTS recipients (
  id INTEGER PRIMARY KEY,
  host TEXT NOT NULL,
  domain TEXT NOT NULL,
  organization TEXT NOT NULL DEFAULT '',
  organization_id TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  party TEXT NOT NULL CHECK (party IN ('first', 'third')),
  country TEXT NOT NULL DEFAULT '',
  UNIQUE (host, domain, organization, organization_id, category, party, country)
);
CREATE INDEX IF NOT EXISTS recipients_organization ON recipients (organization, domain);
CREATE TABLE IF NOT EXISTS observations (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  data_type TEXT NOT NULL,
  recipient_id INTEGER NOT NULL REFERENCES recipients(id),
  disclosure TEXT NOT NULL,
  flow_count INTEGER NOT NULL,
  cleartext INTEGER NOT NULL,
  condition TEXT
);
CREATE INDEX IF NOT EXISTS observations_run ON observations (run_id);
CREATE INDEX IF NOT EXISTS observations_recipient ON observations (recipient_id, data_type);
CREATE INDEX IF NOT EXISTS observations_disclosure ON observations (disclosure, data_type);
CREATE TABLE IF NOT EXISTS findings (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  finding_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  data_type TEXT,
  recipient_id INTEGER REFERENCES recipients(id),
  disclosure TEXT,
  element TEXT,
  message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_run ON findings (run_id, severity);
CREATE INDEX IF NOT EXISTS findings_kind ON findings (kind, data_type);
CREATE TABLE IF NOT EXISTS finding_rules (
  finding INTEGER NOT NULL REFERENCES findings(id),
  jurisdiction TEXT NOT NULL,
  rule TEXT NOT NULL,
  ref TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS finding_rules_finding ON finding_rules (finding);
CREATE INDEX IF NOT EXISTS finding_rules_rule ON finding_rules (jurisdiction, rule);
CREATE VIEW IF NOT EXISTS current_runs AS
  SELECT runs.* FROM runs JOIN apps ON apps.last_run = runs.id;
`;

export interface RunRow {
  id: number;
  app_id: string;
  run_key: string;
  status: 'done' | 'failed';
  error: string | null;
}

export class StudyStore {
  readonly db: Database.Database;

  constructor(file: string, options: { readonly?: boolean } = {}) {
    this.db = new Database(file, { readonly: options.readonly === true, fileMustExist: options.readonly === true });
    if (options.readonly) return;
    // WAL: the report can read while a study writes; NORMAL sync is durable across a process crash.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    const version = this.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    if (!version) this.db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?), ('created', ?)").run(String(SCHEMA_VERSION), new Date().toISOString());
    else if (Number(version.value) !== SCHEMA_VERSION) throw new Error(`${file}: study database schema ${version.value}, this privdiff reads ${SCHEMA_VERSION}`);
  }

  close(): void {
    this.db.close();
  }

  /** Inserts or refreshes an app's manifest entry (the manifest may have changed its labels). */
  upsertApp(app: StudyApp | ManifestFault): void {
    const full = 'policy' in app;
    this.db.prepare(`INSERT INTO apps (id, origin, policy, captures, labels) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, policy = excluded.policy, captures = excluded.captures, labels = excluded.labels`)
      .run(app.id, app.origin, full ? app.policy : null, JSON.stringify(full ? app.captures : []), JSON.stringify(full ? app.labels : {}));
  }

  /** The app's latest run, if any. */
  lastRun(appId: string): RunRow | undefined {
    return this.db.prepare('SELECT runs.id, runs.app_id, runs.run_key, runs.status, runs.error FROM runs JOIN apps ON apps.last_run = runs.id WHERE apps.id = ?').get(appId) as RunRow | undefined;
  }

  private recipientId(r: StoredRecipient): number {
    const values = [r.host, r.domain, r.organization ?? '', r.organizationId ?? '', r.category ?? '', r.party, r.country ?? ''];
    this.db.prepare('INSERT OR IGNORE INTO recipients (host, domain, organization, organization_id, category, party, country) VALUES (?, ?, ?, ?, ?, ?, ?)').run(...values);
    const row = this.db.prepare('SELECT id FROM recipients WHERE host = ? AND domain = ? AND organization = ? AND organization_id = ? AND category = ? AND party = ? AND country = ?').get(...values) as { id: number };
    return row.id;
  }

  /** A finished app: its run, observations, findings and rules, in one transaction. */
  saveDone(job: AppJob, result: AppResult, queue: string, version: string): number {
    return this.db.transaction(() => {
      const bySeverity = { high: 0, medium: 0, low: 0, info: 0 };
      for (const f of result.findings) bySeverity[f.severity]++;
      const run = this.db.prepare(`INSERT INTO runs (app_id, run_key, input_hash, options, version, queue, status, finished, duration_ms, worker,
          policy_language, flows, encrypted_flows, partly_decrypted_flows, unreadable, findings, high, medium, low, info, report_json, report_html)
        VALUES (?, ?, ?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        job.app.id, job.runKey, job.inputHash, JSON.stringify(appOptions(job.app)), version, queue, new Date().toISOString(), result.durationMs, result.worker,
        result.policyLanguage, result.flows, result.encryptedFlows, result.partlyDecryptedFlows, JSON.stringify(result.unreadable), result.findings.length,
        bySeverity.high, bySeverity.medium, bySeverity.low, bySeverity.info, result.reportJson, result.reportHtml);
      const runId = Number(run.lastInsertRowid);
      const observation = this.db.prepare('INSERT INTO observations (run_id, data_type, recipient_id, disclosure, flow_count, cleartext, condition) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const o of result.observations) observation.run(runId, o.dataType, this.recipientId(o.recipient), o.disclosure, o.flowCount, o.cleartext ? 1 : 0, o.condition ?? null);
      const finding = this.db.prepare('INSERT INTO findings (run_id, finding_id, kind, severity, data_type, recipient_id, disclosure, element, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const rule = this.db.prepare('INSERT INTO finding_rules (finding, jurisdiction, rule, ref) VALUES (?, ?, ?, ?)');
      for (const f of result.findings) {
        const row = finding.run(runId, f.id, f.kind, f.severity, f.dataType ?? null, f.recipient ? this.recipientId(f.recipient) : null, f.disclosure ?? null, f.element ?? null, f.message);
        for (const r of f.rules) rule.run(Number(row.lastInsertRowid), r.jurisdiction, r.rule, r.ref);
      }
      this.db.prepare('UPDATE apps SET last_run = ? WHERE id = ?').run(runId, job.app.id);
      return runId;
    })();
  }

  /** A failed app (its inputs, a limit, a crash, or its manifest line). */
  saveFailed(app: { id: string }, key: { runKey: string; inputHash?: string; options?: unknown }, error: string, queue: string, version: string): number {
    return this.db.transaction(() => {
      const run = this.db.prepare(`INSERT INTO runs (app_id, run_key, input_hash, options, version, queue, status, error, finished)
        VALUES (?, ?, ?, ?, ?, ?, 'failed', ?, ?)`).run(app.id, key.runKey, key.inputHash ?? null, JSON.stringify(key.options ?? {}), version, queue, error, new Date().toISOString());
      const runId = Number(run.lastInsertRowid);
      this.db.prepare('UPDATE apps SET last_run = ? WHERE id = ?').run(runId, app.id);
      return runId;
    })();
  }
}
