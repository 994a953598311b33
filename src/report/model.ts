/** The report: one record, written as JSON (schemas/report.schema.json) and rendered by the formatters. */
import type { TlsCoverage } from '../compare/tls-coverage.js';
import type { CaptureInfo } from '../model/flow.js';
import type { DisclosureClass, Finding, FindingKind, Observation, Severity } from '../model/finding.js';
import type { NoticeEntry, Practice, PolicyLanguage } from '../model/practice.js';
import type { DeviceReportSection } from '../model/device-report.js';

export interface Report {
  tool: { name: 'privdiff'; version: string };
  /** `compare`: policy and traffic; `check`: the policy alone (no captures, no observations). */
  mode: 'compare' | 'check';
  generated: string;
  policy: { source: string; language: PolicyLanguage; practices: Practice[]; notice: NoticeEntry[]; warnings?: string[] };
  captures: Pick<CaptureInfo, 'source' | 'format' | 'flows' | 'warnings'>[];
  jurisdictions: string[];
  region?: string;
  /** The domains taken as the app's own (first party), and why each was (policy address, app id, controller name, --first-party). */
  firstParty?: { domain: string; reason: string }[];
  /** Whether detected values appear unmasked (--reveal). */
  revealed: boolean;
  observations: Observation[];
  /** Phones' privacy reports (iOS App Privacy Report, TrackerControl): what the app accessed and contacted. */
  deviceReports?: DeviceReportSection[];
  findings: Finding[];
  summary: {
    flows: number;
    findings: number;
    bySeverity: Partial<Record<Severity, number>>;
    byKind: Partial<Record<FindingKind, number>>;
    /** Observations by verdict: the worst of their collection's disclosure and the findings about them. */
    byDisclosure: Partial<Record<DisclosureClass, number>>;
    /** Data types seen in flows, with how many flows carried each. */
    dataTypes: Record<string, number>;
  };
  /** Encrypted connections whose contents were not read: what the report could not see. */
  tls?: TlsCoverage;
  /** Input faults met while reading (the report covers what was read before them). */
  errors: string[];
}

export type Formatter = (report: Report, options: { lang: 'en' | 'zh' }) => string;
