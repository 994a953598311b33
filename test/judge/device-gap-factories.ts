/** Gap factories for the gaps a phone's privacy report shows (accesses and contacts), for rule-pack tables. */
import type { Initiator } from '../../src/model/device-report.js';
import type { DisclosureClass, FindingKind, Gap } from '../../src/model/finding.js';
import type { Recipient } from '../../src/model/flow.js';

const tracker: Recipient = {
  host: 'sdk.adnet.example', domain: 'adnet.example', party: 'third', organization: 'AdNet', organizationId: 'adnet', category: 'advertiser',
};

/** The app used `dataType` (default contacts) on the device; the policy covers it as `disclosure`. */
export function accessGap(kind: FindingKind, dataType = 'contacts', disclosure?: DisclosureClass): Gap {
  const d = disclosure ?? (kind === 'undisclosed_data_access' ? 'omitted' : kind === 'vague_data_access' ? 'vague' : 'contradicted');
  return {
    kind, dataType, disclosure: d, flows: [], policy: [],
    accesses: [{ source: 'report.ndjson', category: dataType, dataType, begin: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:00:05.000Z' }],
    facts: { party: 'first', accesses: 1 },
  };
}

/** The app (or content it loaded, per `initiatedBy`) contacted a third-party tracker. */
export function contactGap(kind: FindingKind, initiatedBy: Initiator = 'app', facts: Gap['facts'] = {}): Gap {
  return {
    kind, recipient: tracker, disclosure: kind === 'undisclosed_recipient_contact' ? 'omitted' : 'contradicted', flows: [], policy: [],
    contacts: [{ source: 'report.ndjson', hosts: [tracker.host], hits: 3, first: '2026-03-02T09:00:00.000Z', last: '2026-03-02T09:01:00.000Z', initiatedBy }],
    facts: { party: 'third', initiatedBy, hits: 3, ...facts },
  };
}
