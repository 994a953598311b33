/** Small gap factories for rule-pack tables (the judge's input, built without a capture). */
import type { Recipient } from '../../src/model/flow.js';
import type { DisclosureClass, FindingKind, Gap } from '../../src/model/finding.js';

const firstParty: Recipient = { host: 'api.example.cn', domain: 'example.cn', party: 'first', country: 'CN' };
const thirdParty: Recipient = {
  host: 'ads.adnet.example', domain: 'adnet.example', party: 'third', organization: 'AdNet', organizationId: 'adnet',
  category: 'advertiser', country: 'US',
};

const DEFAULT_DISCLOSURE: Partial<Record<FindingKind, DisclosureClass>> = {
  undisclosed_collection: 'omitted', undisclosed_sharing: 'omitted', undisclosed_cross_border: 'omitted',
  vague_disclosure: 'vague', contradicted_statement: 'contradicted', ambiguous_disclosure: 'ambiguous', contradicted_data_location: 'contradicted',
};

export interface FlowGapOptions {
  dataType?: string;
  party?: 'first' | 'third';
  disclosure?: DisclosureClass;
  facts?: Gap['facts'];
}

/** A behaviour gap: `kind` for `dataType` (default imei) sent to a first or third party. */
export function flowGap(kind: FindingKind, options: FlowGapOptions = {}): Gap {
  const party = options.party ?? (kind === 'undisclosed_sharing' ? 'third' : 'first');
  const recipient = party === 'first' ? firstParty : thirdParty;
  const disclosure = options.disclosure ?? DEFAULT_DISCLOSURE[kind] ?? 'clear';
  return {
    kind, dataType: options.dataType ?? 'imei', recipient, disclosure,
    flows: [{ capture: 'test.pcap', index: 0, time: '2026-03-02T09:00:00.000Z', host: recipient.host, method: 'POST', url: `https://${recipient.host}/v1` }],
    policy: [], facts: { party, ...options.facts },
  };
}

/** A policy-only gap: the policy never states `element`. */
export function missing(element: string): Gap {
  return { kind: 'missing_notice_element', element, flows: [], policy: [], facts: {} };
}

export interface RuleCases {
  /** Gaps the rule must not match. */
  valid: Gap[];
  /** Gaps the rule must match. */
  invalid: Gap[];
}

/** Cases for a notice rule: fires when `element` is missing, not for another element or a flow gap. */
export function noticeCases(element: string): RuleCases {
  const other = element === 'purposes' ? 'retention_period' : 'purposes';
  return { valid: [missing(other), flowGap('undisclosed_collection')], invalid: [missing(element)] };
}
