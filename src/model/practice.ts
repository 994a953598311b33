/**
 * What a privacy policy says: practice statements and notice elements, each with the sentence that says it.
 * JSON form: schemas/practices.schema.json.
 */
export type Action = 'collect' | 'use' | 'share' | 'sell' | 'transfer_abroad' | 'retain';

export interface Evidence {
  text: string;
  /** Section and paragraph: `§2 ¶3`, with the heading path when there is one. */
  location: string;
  section?: string;
  /** Where the sentence stands in the source file (1-based lines and UTF-16 columns), when it could be found there. */
  region?: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

export interface Practice {
  /** first_party, third_party, or a recipient category id (advertiser, …) */
  actor: string;
  /** Named organisation, when the statement names one (Umeng, Google, …). */
  organization?: string;
  action: Action;
  /** For share / sell / transfer_abroad: a recipient category id, an organisation id, or a country. */
  recipient?: string;
  /** Ontology data-type id. */
  dataType: string;
  negated: boolean;
  purpose?: string;
  /** consent, separate_consent, opt_out, opt_in, … */
  condition?: string;
  /** Set when the statement is about a particular group's data only ("from children under 13"). */
  dataSubject?: 'children';
  evidence: Evidence;
  /** Set to 'classifier' when the statement classifier, not the rules, found this practice (absent: rules). */
  basis?: 'rules' | 'classifier';
}

export interface NoticeEntry {
  /** Notice-element id (retention_period, controller_contact, …). */
  element: string;
  evidence: Evidence;
  /** A value pulled out when the element has one (a country for data location, a period, an e-mail). */
  value?: string;
}

export type PolicyLanguage = 'en' | 'zh';

export interface PolicyExtraction {
  source: string;
  language: PolicyLanguage;
  /** Script for Chinese: Hans (simplified) or Hant (traditional). */
  script?: 'Hans' | 'Hant';
  practices: Practice[];
  notice: NoticeEntry[];
  /** What went wrong reading the policy without stopping it: a charset that did not fit, no practices found at all. */
  warnings?: string[];
}
