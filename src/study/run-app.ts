/**
 * Checks one app of a study: analyse() — the one way privdiff checks an app — then the app's own
 * reports (JSON and HTML) under DIR/apps/<id>/, and the facts the study database keeps. Runs inside
 * a worker process; a fault in the app's inputs is an AppInputError (the app fails, no retry).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { Finding, Observation } from '../model/finding.js';
import type { Flow, Recipient } from '../model/flow.js';
import { loadKnownIdentifiers, parseKnownIdentifiers } from '../observe/detect/index.js';
import { analyse } from '../pipeline.js';
import { html } from '../report/html/index.js';
import { json } from '../report/json.js';
import type { AppJob, AppResult, StoredFinding, StoredObservation, StoredRecipient } from './app-job.js';
import { AppInputError } from './input-hash.js';

export const REPORT_JSON = 'report.json';
export const REPORT_HTML = 'report.html';

function storedRecipient(r: Recipient): StoredRecipient {
  const out: StoredRecipient = { host: r.host, domain: r.domain, party: r.party };
  if (r.organization) out.organization = r.organization;
  if (r.organizationId) out.organizationId = r.organizationId;
  if (r.category) out.category = r.category;
  if (r.country) out.country = r.country;
  return out;
}

function storedObservation(o: Observation): StoredObservation {
  const out: StoredObservation = { dataType: o.dataType, recipient: storedRecipient(o.recipient), disclosure: o.disclosure, flowCount: o.flowCount, cleartext: o.cleartext };
  if (o.condition) out.condition = o.condition;
  return out;
}

function storedFinding(f: Finding): StoredFinding {
  const out: StoredFinding = { id: f.id, kind: f.kind, severity: f.severity, message: f.message, rules: f.rules.map((r) => ({ jurisdiction: r.jurisdiction, rule: r.rule, ref: r.ref })) };
  if (f.dataType) out.dataType = f.dataType;
  if (f.recipient) out.recipient = storedRecipient(f.recipient);
  if (f.disclosure) out.disclosure = f.disclosure;
  if (f.element) out.element = f.element;
  return out;
}

/** Written beside and renamed into place: a worker killed mid-write leaves no half report. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

export async function runApp(job: AppJob): Promise<AppResult> {
  const started = performance.now();
  const { app } = job;
  let encryptedFlows = 0;
  let partlyDecryptedFlows = 0;
  const countEncrypted = (flow: Flow) => {
    const undecrypted = flow.tls?.undecrypted;
    if (flow.protocol === 'quic' || (flow.tls && !flow.tls.decrypted && !undecrypted?.partial)) encryptedFlows++;
    else if (undecrypted?.partial) partlyDecryptedFlows++;
  };
  let result;
  try {
    const identifiers = typeof app.identifiers === 'string' ? loadKnownIdentifiers(app.identifiers)
      : app.identifiers ? parseKnownIdentifiers(`${app.origin} identifiers`, app.identifiers) : undefined;
    result = await analyse({
      policy: app.policy,
      captures: app.captures,
      ...(identifiers ? { identifiers } : {}),
      ...(app.firstParty ? { firstParty: app.firstParty } : {}),
      ...(app.jurisdictions ? { jurisdictions: app.jurisdictions } : {}),
      ...(app.region ? { region: app.region } : {}),
      ...(app.consentAt ? { consentAt: app.consentAt } : {}),
      ...(app.appCategory ? { appCategory: app.appCategory } : {}),
      ...(app.keylog ? { keylog: app.keylog } : {}),
      // A study runs apps side by side, one per worker: each app stays on its worker's one thread.
      detectionWorkers: 0,
      onFlow: countEncrypted,
    });
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) throw new AppInputError(error.message);
    throw error;
  }
  const { report, errors } = result;
  const lang = report.policy.language === 'zh' ? 'zh' : 'en';
  mkdirSync(job.reportDir, { recursive: true });
  const jsonFile = path.join(job.reportDir, REPORT_JSON);
  const htmlFile = path.join(job.reportDir, REPORT_HTML);
  writeAtomically(jsonFile, json(report, { lang }));
  writeAtomically(htmlFile, html(report, { lang }));
  const unreadable = [
    ...errors.map((e) => e.message),
    ...report.captures.flatMap((c) => c.warnings.map((w) => `${c.source}: ${w}`)),
  ];
  return {
    policyLanguage: report.policy.language,
    flows: report.summary.flows,
    encryptedFlows,
    partlyDecryptedFlows,
    unreadable,
    observations: report.observations.map(storedObservation),
    findings: report.findings.map(storedFinding),
    reportJson: `apps/${app.id}/${REPORT_JSON}`,
    reportHtml: `apps/${app.id}/${REPORT_HTML}`,
    durationMs: Math.round(performance.now() - started),
    worker: `${hostname()}:${process.pid}`,
  };
}
