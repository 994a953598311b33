/** Assembles the Report record from the stages' outputs and masks detected values. */
import type { CaptureInfo, Flow } from '../model/flow.js';
import type { Finding, FlowEvidence, Observation } from '../model/finding.js';
import type { PolicyExtraction } from '../model/practice.js';
import type { DeviceReportSection } from '../model/device-report.js';
import { maskIn, maskValue } from './mask.js';
import type { Report } from './model.js';
import { toolVersion } from './version.js';

export interface BuildInput {
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
  reveal?: boolean;
  errors?: string[];
  /** Fixed time for reproducible output (tests); defaults to now. */
  generated?: string;
}

function count<T extends string>(items: T[]): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  for (const item of items) out[item] = (out[item] ?? 0) + 1;
  return out;
}

export function buildReport(input: BuildInput): Report {
  const reveal = input.reveal === true;
  const valuesByFlow = new Map(input.flows.map((f) => [f.index, f.detections.map((d) => d.value)]));
  const maskEvidence = (e: FlowEvidence): FlowEvidence => {
    if (reveal) return e;
    const values = valuesByFlow.get(e.index) ?? [];
    const out = { ...e };
    if (out.value !== undefined) out.value = maskValue(out.value);
    if (out.url !== undefined) out.url = maskIn(out.url, values);
    return out;
  };
  const findings = input.findings.map((f) => ({ ...f, evidence: { ...f.evidence, flows: f.evidence.flows.map(maskEvidence) } }));
  let dataTypes = input.dataTypeFlows;
  if (!dataTypes) {
    dataTypes = {};
    for (const flow of input.flows) for (const t of new Set(flow.detections.map((d) => d.dataType))) dataTypes[t] = (dataTypes[t] ?? 0) + 1;
  }
  const report: Report = {
    tool: { name: 'privdiff', version: toolVersion() },
    generated: input.generated ?? new Date().toISOString(),
    policy: { source: input.policy.source, language: input.policy.language, practices: input.policy.practices, notice: input.policy.notice },
    captures: input.captures.map(({ source, format, flows, warnings }) => ({ source, format, flows, warnings })),
    jurisdictions: input.jurisdictions,
    revealed: reveal,
    observations: input.observations,
    findings,
    summary: {
      flows: input.flowCount ?? input.flows.length,
      findings: findings.length,
      bySeverity: count(findings.map((f) => f.severity)),
      byDisclosure: count(input.observations.map((o) => o.disclosure)),
      dataTypes,
    },
    errors: input.errors ?? [],
  };
  if (input.region) report.region = input.region;
  if (input.deviceReports) report.deviceReports = input.deviceReports;
  return report;
}
