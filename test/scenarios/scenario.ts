/**
 * Scenario suite (Zeek-style input + expected): each folder under test/fixtures/scenarios/ holds a
 * policy, one or more captures, optional identifiers.json, args.json and expected.json. This module
 * loads a folder, runs it through analyse() and checks expectations against the report.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, Observation } from '../../src/model/finding.js';
import type { KnownIdentifiers } from '../../src/observe/detect/detector.js';
import { analyse, type AnalyseOptions, type AnalyseResult } from '../../src/pipeline.js';

export const scenariosRoot = fileURLToPath(new URL('../fixtures/scenarios/', import.meta.url));

/** One expected (or forbidden) finding; every field given must match. */
export interface FindingExpectation {
  kind: string;
  dataType?: string;
  host?: string;
  disclosure?: string;
  /** A rule id among the finding's rules (pipl/cross-border-notice, …). */
  rule?: string;
  severity?: string;
  element?: string;
  /** Exact set of flow indexes in the finding's evidence. */
  flows?: number[];
  /** Why this check fails today because of an extraction error (the check is then pending). */
  knownGap?: string;
}

export interface ObservationExpectation {
  dataType: string;
  host: string;
  disclosure: string;
  party?: 'first' | 'third';
  condition?: string;
  country?: string;
  knownGap?: string;
}

export interface Expected {
  description?: string;
  mustFind: FindingExpectation[];
  mustNotFind: FindingExpectation[];
  observations: ObservationExpectation[];
}

export interface ScenarioArgs {
  region?: string;
  jurisdictions?: string[];
  /** ISO time, or a flow index (number) as --consent-at takes it. */
  consentAt?: string | number;
  appCategory?: string;
  firstParty?: string[];
  lang?: 'en' | 'zh';
}

export interface Scenario {
  name: string;
  dir: string;
  policy: string;
  captures: string[];
  identifiers?: KnownIdentifiers;
  args: ScenarioArgs;
  expected: Expected;
}

const CAPTURE = /\.(jsonl|har|pcap|pcapng)$/;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function loadScenario(dir: string): Scenario {
  const files = readdirSync(dir).sort();
  const policy = files.find((f) => f.startsWith('policy.'));
  if (!policy) throw new Error(`scenario ${dir} has no policy.* file`);
  const captures = files.filter((f) => f.startsWith('capture') && CAPTURE.test(f)).map((f) => path.join(dir, f));
  if (captures.length === 0) throw new Error(`scenario ${dir} has no capture*.jsonl/.har file`);
  const expected = readJson<Expected>(path.join(dir, 'expected.json'));
  const scenario: Scenario = {
    name: path.basename(dir), dir, policy: path.join(dir, policy), captures,
    args: existsSync(path.join(dir, 'args.json')) ? readJson<ScenarioArgs>(path.join(dir, 'args.json')) : {},
    expected: { mustFind: expected.mustFind ?? [], mustNotFind: expected.mustNotFind ?? [], observations: expected.observations ?? [], ...(expected.description ? { description: expected.description } : {}) },
  };
  const ids = path.join(dir, 'identifiers.json');
  if (existsSync(ids)) scenario.identifiers = readJson<KnownIdentifiers>(ids);
  return scenario;
}

export function listScenarios(root = scenariosRoot): Scenario[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => loadScenario(path.join(root, name)));
}

export function analyseOptions(s: Scenario): AnalyseOptions {
  const a = s.args;
  const options: AnalyseOptions = { policy: s.policy, captures: s.captures, generated: '2026-01-01T00:00:00Z' };
  if (s.identifiers) options.identifiers = s.identifiers;
  if (a.region) options.region = a.region;
  if (a.jurisdictions) options.jurisdictions = a.jurisdictions;
  if (a.appCategory) options.appCategory = a.appCategory;
  if (a.firstParty) options.firstParty = a.firstParty;
  if (a.lang) options.lang = a.lang;
  if (a.consentAt !== undefined) {
    options.consentAt = typeof a.consentAt === 'number' ? { flow: a.consentAt } : { time: new Date(a.consentAt).toISOString() };
  }
  return options;
}

export function runScenario(s: Scenario): Promise<AnalyseResult> {
  return analyse(analyseOptions(s));
}

function sameSet(a: number[], b: number[]): boolean {
  const x = [...new Set(a)].sort((m, n) => m - n);
  const y = [...new Set(b)].sort((m, n) => m - n);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * A finding groups (data type, recipient) pairs of one organisation (its items): an expectation about
 * one data type and host matches when one item does; severity and rules are the finding's, a rule
 * that holds for only some data types must hold for the expected one.
 */
export function findingMatches(f: Finding, e: FindingExpectation): boolean {
  if (f.kind !== e.kind) return false;
  if (e.severity !== undefined && f.severity !== e.severity) return false;
  if (e.element !== undefined && f.element !== e.element) return false;
  if (e.rule !== undefined && !f.rules.some((r) => r.rule === e.rule && (!r.dataTypes || e.dataType === undefined || r.dataTypes.includes(e.dataType)))) return false;
  const items = f.items ?? [{ dataType: f.dataType ?? '', recipient: f.recipient, hosts: f.recipient ? [f.recipient.host] : [], disclosure: f.disclosure, flows: f.evidence.flows }];
  if (e.dataType === undefined && e.host === undefined && e.disclosure === undefined && e.flows === undefined) return true;
  return items.some((item) => {
    if (e.dataType !== undefined && item.dataType !== e.dataType) return false;
    if (e.host !== undefined && !item.hosts.includes(e.host)) return false;
    if (e.disclosure !== undefined && item.disclosure !== e.disclosure) return false;
    if (e.flows !== undefined && !sameSet(item.flows.map((x) => x.index), e.flows)) return false;
    return true;
  });
}

export function observationFor(observations: Observation[], e: ObservationExpectation): Observation | undefined {
  return observations.find((o) => o.dataType === e.dataType && o.recipient.host === e.host);
}

/** One line per expectation, for test titles. */
export function describeExpectation(e: FindingExpectation | ObservationExpectation): string {
  return Object.entries(e)
    .filter(([k]) => k !== 'knownGap')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join(' ');
}

/** Short listing of what a run produced, for assertion messages. */
export function summarise(findings: Finding[], observations: Observation[]): string {
  const f = findings
    .filter((x) => x.kind !== 'missing_notice_element')
    .flatMap((x) => (x.items ?? []).map((i) => `${x.kind}/${i.dataType}@${i.hosts.join('+')} [${i.disclosure ?? ''}] ${x.severity}`));
  const n = findings.filter((x) => x.kind === 'missing_notice_element').map((x) => x.element).join(',');
  const o = observations.map((x) => `${x.dataType}@${x.recipient.host}(${x.recipient.party},${x.recipient.country ?? '?'})=${x.disclosure}${x.condition ? `/${x.condition}` : ''}`);
  return `findings:\n  ${f.join('\n  ')}\n  missing notice: ${n}\nobservations:\n  ${o.join('\n  ')}`;
}

/**
 * Findings that may legitimately sit on a clearly disclosed flow: policy-only notice checks,
 * clear text, the necessary-information and consent rules (separate consent, consent timing).
 */
export const CLEAR_EXEMPT_KINDS = new Set([
  'missing_notice_element', 'insecure_transmission', 'beyond_necessary', 'collected_before_consent', 'sensitive_without_separate_consent',
]);

/**
 * The invariant: no other finding for an observation the policy clearly discloses. A cross-border
 * finding judges the transfer, not the collection, so its own disclosure class must not be clear.
 */
export function clearViolations(findings: Finding[], observations: Observation[]): string[] {
  const problems: string[] = [];
  for (const f of findings) {
    if (CLEAR_EXEMPT_KINDS.has(f.kind)) continue;
    for (const item of f.items ?? []) {
      if (item.disclosure === 'clear') problems.push(`${f.id}: ${item.dataType} with disclosure "clear"`);
      // Location and transfer findings judge where data goes, not the collection.
      if (f.kind === 'undisclosed_cross_border' || f.kind === 'contradicted_data_location') continue;
      const obs = observations.find((o) => o.dataType === item.dataType && o.recipient.party === item.recipient.party && (o.hosts ?? [o.recipient.host]).some((h) => item.hosts.includes(h)));
      if (obs?.disclosure === 'clear') problems.push(`${f.id}: ${f.kind} on a clearly disclosed observation (${item.dataType})`);
    }
  }
  return problems;
}
