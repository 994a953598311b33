/** Assembles the Report record from the stages' outputs, links observations to findings, and masks detected values. */
import type { TlsCoverage } from '../compare/tls-coverage.js';
import type { CaptureInfo, Flow } from '../model/flow.js';
import type { DisclosureClass, Finding, FindingKind, FlowEvidence, Observation } from '../model/finding.js';
import type { PolicyExtraction } from '../model/practice.js';
import type { DeviceReportSection } from '../model/device-report.js';
import { maskIn, maskMessage, maskValue } from './mask.js';
import type { Report } from './model.js';
import { wellFormedDeep } from './text-safety.js';
import { toolVersion } from './version.js';

export interface BuildInput {
  /** `check`: policy-only checks, no captures (a layout of its own). Default: compare. */
  mode?: 'compare' | 'check';
  policy: PolicyExtraction;
  captures: CaptureInfo[];
  /** The flows kept as evidence (masking looks up their detected values). */
  flows: Flow[];
  /** How many flows were read in all (default: flows.length). */
  flowCount?: number;
  /** Flows per data type (default: counted from flows). */
  dataTypeFlows?: Record<string, number>;
  observations: Observation[];
  findings: Finding[];
  /** Phones' privacy reports read in the run, compared with the policy. */
  deviceReports?: DeviceReportSection[];
  jurisdictions: string[];
  region?: string;
  /** The domains taken as first party, with the reason for each. */
  firstParty?: { domain: string; reason: string }[];
  reveal?: boolean;
  errors?: string[];
  /** Encrypted connections that were not read (compare/tls-coverage.ts). */
  tls?: TlsCoverage;
  /** Values known to be personal data (the --identifiers file): masked in warnings and errors too. */
  knownValues?: string[];
  /** Fixed time for reproducible output (tests); defaults to now. */
  generated?: string;
}

function count<T extends string>(items: T[]): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  for (const item of items) out[item] = (out[item] ?? 0) + 1;
  return out;
}

const WORST_FIRST: DisclosureClass[] = ['contradicted', 'omitted', 'ambiguous', 'vague', 'clear'];

/** Findings whose disclosure class is a claim about the policy (not about encryption or consent timing). */
const DISCLOSURE_KINDS = new Set<FindingKind>([
  'undisclosed_collection', 'undisclosed_sharing', 'contradicted_statement', 'vague_disclosure', 'ambiguous_disclosure',
  'undisclosed_cross_border', 'contradicted_data_location',
]);

function pairKey(dataType: string, r: { party: string; organizationId?: string; domain: string; country?: string }): string {
  return `${dataType}|${r.party}|${r.organizationId ?? r.domain}|${r.country ?? ''}`;
}

/**
 * Each observation lists the findings about it, and its verdict is the worst disclosure class
 * over its collection and those findings: the summary then counts what the findings say.
 */
function linkObservations(observations: Observation[], findings: Finding[]): Observation[] {
  const byPair = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const item of f.items ?? []) {
      const key = pairKey(item.dataType, item.recipient);
      (byPair.get(key) ?? byPair.set(key, []).get(key))?.push(f);
    }
  }
  return observations.map((o) => {
    const about = byPair.get(pairKey(o.dataType, o.recipient)) ?? [];
    const classes = [o.disclosure, ...about.filter((f) => DISCLOSURE_KINDS.has(f.kind) && f.disclosure).map((f) => f.disclosure as DisclosureClass)];
    const verdict = WORST_FIRST.find((d) => classes.includes(d)) ?? o.disclosure;
    return { ...o, findings: [...new Set(about.map((f) => f.id))], verdict };
  });
}

export function buildReport(input: BuildInput): Report {
  const reveal = input.reveal === true;
  const valuesByFlow = new Map(input.flows.map((f) => [f.index, f.detections.map((d) => d.value)]));
  const allValues = [...new Set([...input.flows.flatMap((f) => f.detections.map((d) => d.value)), ...(input.knownValues ?? [])])];
  const maskEvidence = (e: FlowEvidence): FlowEvidence => {
    if (reveal) return e;
    const values = [...(valuesByFlow.get(e.index) ?? []), ...(e.value !== undefined ? [e.value] : [])];
    const out = { ...e };
    if (out.value !== undefined) out.value = maskValue(out.value);
    if (out.url !== undefined) out.url = maskIn(out.url, values);
    return out;
  };
  const message = (text: string) => (reveal ? text : maskMessage(text, allValues));
  const findings = input.findings.map((f) => {
    const masked: Finding = { ...f, evidence: { ...f.evidence, flows: f.evidence.flows.map(maskEvidence) } };
    if (f.items) masked.items = f.items.map((item) => ({ ...item, flows: item.flows.map(maskEvidence) }));
    return masked;
  });
  let dataTypes = input.dataTypeFlows;
  if (!dataTypes) {
    dataTypes = {};
    for (const flow of input.flows) for (const t of new Set(flow.detections.map((d) => d.dataType))) dataTypes[t] = (dataTypes[t] ?? 0) + 1;
  }
  const observations = linkObservations(input.observations, findings);
  const report: Report = {
    tool: { name: 'privdiff', version: toolVersion() },
    mode: input.mode ?? 'compare',
    generated: input.generated ?? new Date().toISOString(),
    policy: { source: input.policy.source, language: input.policy.language, practices: input.policy.practices, notice: input.policy.notice },
    captures: input.captures.map(({ source, format, flows, warnings }) => ({ source, format, flows, warnings: warnings.map(message) })),
    jurisdictions: input.jurisdictions,
    revealed: reveal,
    observations,
    findings,
    summary: {
      flows: input.flowCount ?? input.flows.length,
      findings: findings.length,
      bySeverity: count(findings.map((f) => f.severity)),
      byKind: count(findings.map((f) => f.kind)),
      byDisclosure: count(observations.map((o) => o.verdict ?? o.disclosure)),
      dataTypes,
    },
    errors: (input.errors ?? []).map(message),
  };
  if (input.region) report.region = input.region;
  if (input.firstParty) report.firstParty = input.firstParty;
  if (input.tls) report.tls = input.tls;
  if (input.policy.warnings?.length) report.policy.warnings = input.policy.warnings;
  if (input.deviceReports) report.deviceReports = input.deviceReports;
  // Whatever the captures held, the report is well-formed Unicode (strict JSON parsers reject lone surrogates).
  return wellFormedDeep(report);
}
