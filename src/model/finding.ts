/**
 * What the comparison and the judge produce. JSON form: schemas/report.schema.json.
 */
import type { Evidence } from './practice.js';
import type { Recipient } from './flow.js';
import type { DataAccess, DomainContact } from './device-report.js';

export type DisclosureClass = 'clear' | 'vague' | 'omitted' | 'contradicted' | 'ambiguous';
export type Severity = 'high' | 'medium' | 'low' | 'info';

/** One observed (data type, recipient) pair and how the policy covers it. */
export interface Observation {
  dataType: string;
  recipient: Recipient;
  disclosure: DisclosureClass;
  /** Global indexes of the flows that carried it (the first 10,000). */
  flows: number[];
  /** How many flows carried it. */
  flowCount: number;
  /** Policy statements that bear on it (positive and negative). */
  policy: Evidence[];
  /** The condition the policy puts on it (consent, separate_consent, …), if any. */
  condition?: string;
  /** true when at least one of the flows went in clear text. */
  cleartext: boolean;
}

export interface FlowEvidence {
  capture: string;
  index: number;
  time: string;
  method?: string;
  url?: string;
  host: string;
  where?: string;
  encoding?: string;
  value?: string;
}

export interface RuleRef {
  jurisdiction: string;
  rule: string;
  ref: string;
  title: string;
  titleZh: string;
  severity: Severity;
}

export type FindingKind =
  | 'undisclosed_collection'
  | 'undisclosed_sharing'
  | 'contradicted_statement'
  | 'vague_disclosure'
  | 'ambiguous_disclosure'
  | 'undisclosed_cross_border'
  | 'insecure_transmission'
  | 'sensitive_without_separate_consent'
  | 'collected_before_consent'
  | 'missing_notice_element'
  | 'beyond_necessary'
  | 'undisclosed_data_access'
  | 'vague_data_access'
  | 'contradicted_data_access'
  | 'undisclosed_recipient_contact'
  | 'contradicted_recipient_contact'
  | 'contact_outside_stated_location';

/** An access a phone's privacy report logged, as evidence (source: the report file). */
export interface AccessEvidence extends DataAccess {
  source: string;
}

/** Contacts with one recipient that a phone's privacy report logged, as evidence. */
export type ContactEvidence = Omit<DomainContact, 'host' | 'recipient'> & { source: string; hosts: string[] };

/** A gap between policy and behaviour (or in the policy alone), before any jurisdiction judges it. */
export interface Gap {
  kind: FindingKind;
  dataType?: string;
  recipient?: Recipient;
  disclosure?: DisclosureClass;
  element?: string;
  flows: FlowEvidence[];
  policy: Evidence[];
  /** Phone privacy reports: the accesses or contacts behind the gap. */
  accesses?: AccessEvidence[];
  contacts?: ContactEvidence[];
  /** Extra facts rules may test (sensitive: true, country: 'CN', …). */
  facts: Record<string, string | number | boolean>;
}

export interface Finding {
  id: string;
  kind: FindingKind;
  severity: Severity;
  dataType?: string;
  recipient?: Recipient;
  disclosure?: DisclosureClass;
  element?: string;
  /** One line in English; messageZh in Chinese (reports in --lang zh use it). */
  message: string;
  messageZh: string;
  evidence: { flows: FlowEvidence[]; policy: Evidence[]; accesses?: AccessEvidence[]; contacts?: ContactEvidence[] };
  rules: RuleRef[];
}
