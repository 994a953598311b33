/**
 * Gaps a phone's privacy report shows. Accesses: a data class the app used that the policy does not
 * say it collects (or says it does not). Contacts: a third party the app reached that the policy
 * neither names nor covers by category (or denies), and a recipient in a country the policy rules
 * out. A contact never stands for a data type: the gap says which recipient, not which data.
 */
import type { AccessObservation, ContactObservation } from '../model/device-report.js';
import type { Gap } from '../model/finding.js';
import type { PolicyExtraction } from '../model/practice.js';
import { owners } from '../observe/destination/owners.js';
import { ontology } from '../vocab/ontology.js';
import { regionContains } from './regions.js';

export function accessGap(obs: AccessObservation): Gap | undefined {
  if (obs.disclosure === 'clear') return undefined;
  const kind = obs.disclosure === 'omitted' ? 'undisclosed_data_access' : obs.disclosure === 'vague' ? 'vague_data_access' : 'contradicted_data_access';
  return {
    kind, dataType: obs.dataType, disclosure: obs.disclosure, flows: [], policy: obs.policy,
    accesses: obs.samples.map((a) => ({ ...a, source: obs.source })),
    facts: { party: 'first', ontologySensitive: ontology().isSensitive(obs.dataType), accesses: obs.accesses },
  };
}

function contactFacts(obs: ContactObservation): Gap['facts'] {
  const facts: Gap['facts'] = { party: obs.recipient.party, initiatedBy: obs.initiatedBy, hits: obs.hits };
  if (obs.recipient.country) facts.country = obs.recipient.country;
  return facts;
}

function contactEvidence(obs: ContactObservation): NonNullable<Gap['contacts']> {
  return [{
    source: obs.source, hosts: obs.hosts, hits: obs.hits, first: obs.first, last: obs.last, initiatedBy: obs.initiatedBy,
    ...(obs.reportedOwner ? { reportedOwner: obs.reportedOwner } : {}), ...(obs.reportedCategory ? { reportedCategory: obs.reportedCategory } : {}),
  }];
}

export function contactGap(obs: ContactObservation): Gap | undefined {
  if (obs.recipient.party === 'first' || obs.disclosure === 'clear' || obs.disclosure === 'vague') return undefined;
  return {
    kind: obs.disclosure === 'omitted' ? 'undisclosed_recipient_contact' : 'contradicted_recipient_contact',
    recipient: obs.recipient, disclosure: obs.disclosure, flows: [], policy: obs.policy, contacts: contactEvidence(obs), facts: contactFacts(obs),
  };
}

/**
 * A recipient in a country the policy's own location statements rule out ("data stays in the EU").
 * The country is where a capture of the same run saw the server, or else where the organisation
 * is established (data/organizations.json), which the gap's facts say.
 */
export function contactLocationGap(obs: ContactObservation, policy: PolicyExtraction): Gap | undefined {
  if (obs.recipient.party === 'first') return undefined;
  const organizationCountry = obs.recipient.organizationId ? owners().byId.get(obs.recipient.organizationId)?.country : undefined;
  const country = obs.recipient.country ?? organizationCountry;
  if (!country) return undefined;
  const allowedTransfers = new Set(policy.practices.filter((p) => p.action === 'transfer_abroad' && !p.negated).map((p) => p.evidence.text));
  const promises = policy.notice.filter((n) => n.element === 'international_transfer' && typeof n.value === 'string' && !allowedTransfers.has(n.evidence.text));
  if (promises.length === 0 || promises.some((n) => regionContains(n.value as string, country))) return undefined;
  return {
    kind: 'contact_outside_stated_location', recipient: obs.recipient, disclosure: 'contradicted', flows: [],
    policy: promises.map((n) => n.evidence), contacts: contactEvidence(obs),
    facts: { ...contactFacts(obs), country, countrySource: obs.recipient.country ? 'server' : 'organization', ...(obs.recipient.country ? {} : { messageVariant: 'organization' }) },
  };
}

export function deviceReportGaps(accesses: AccessObservation[], contacts: ContactObservation[], policy: PolicyExtraction): Gap[] {
  const gaps: Gap[] = [];
  for (const obs of accesses) {
    const gap = accessGap(obs);
    if (gap) gaps.push(gap);
  }
  for (const obs of contacts) {
    for (const gap of [contactGap(obs), contactLocationGap(obs, policy)]) if (gap) gaps.push(gap);
  }
  return gaps;
}
