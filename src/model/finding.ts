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
  /** Every host the flows went to (recipient.host is the first). */
  hosts?: string[];
  /** Ids of the findings about this pair (set when the report is built). */
  findings?: string[];
  /**
   * The worst disclosure class over the collection (`disclosure`) and the findings about this pair
   * (a data location the policy contradicts, an undisclosed transfer abroad): what the summary counts.
   */
  verdict?: DisclosureClass;
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
  /** Where the law can be read (the rule pack's law URL). */
  url?: string;
  /** Set when the rule holds for only some of a grouped finding's data types (a sensitive-data rule). */
  dataTypes?: string[];
}

export type FindingKind =
  | 'undisclosed_collection'
  | 'undisclosed_sharing'
  | 'contradicted_statement'
  | 'vague_disclosure'
  | 'ambiguous_disclosure'
  | 'undisclosed_cross_border'
  | 'contradicted_data_location'
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
  /** Every host the flows of this pair went to, when known (the observation's hosts). */
  hosts?: string[];
  /** Phone privacy reports: the accesses or contacts behind the gap. */
  accesses?: AccessEvidence[];
  contacts?: ContactEvidence[];
  /** Extra facts rules may test (sensitive: true, country: 'CN', …). */
  facts: Record<string, string | number | boolean>;
}

/** One (data type, recipient) pair inside a grouped finding, with its own flows. */
export interface FindingItem {
  dataType: string;
  recipient: Recipient;
  /** The hosts its flows went to. */
  hosts: string[];
  disclosure?: DisclosureClass;
  flows: FlowEvidence[];
}

/**
 * A problem a reader acts on: one kind of gap with one recipient organisation (or one notice
 * element), listing every data type and host it covers; `items` keep the per-pair detail.
 */
export interface Finding {
  id: string;
  kind: FindingKind;
  severity: Severity;
  /** Set when the finding covers one data type. */
  dataType?: string;
  /** Every data type the finding covers. */
  dataTypes?: string[];
  /** The recipient organisation (host: the first host its flows went to). */
  recipient?: Recipient;
  /** Every host the finding's flows went to. */
  hosts?: string[];
  /** Server countries, for location and cross-border findings. */
  countries?: string[];
  disclosure?: DisclosureClass;
  element?: string;
  /** One line in English; messageZh in Chinese (reports in --lang zh use it). */
  message: string;
  messageZh: string;
  evidence: { flows: FlowEvidence[]; policy: Evidence[]; accesses?: AccessEvidence[]; contacts?: ContactEvidence[] };
  items?: FindingItem[];
  rules: RuleRef[];
}
