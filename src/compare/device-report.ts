/**
 * A phone's privacy report against the policy. An access shows that the app used a data class, so
 * it is compared like a first-party collection of that type. A contact shows only that the app
 * reached a recipient: it is compared on the recipient alone (is it, or its category, named?),
 * and never taken to say which data went there.
 */
import type { AccessObservation, ContactObservation, DeviceReport, DomainContact, Initiator } from '../model/device-report.js';
import type { DisclosureClass } from '../model/finding.js';
import type { Recipient } from '../model/flow.js';
import type { Action, PolicyExtraction, Practice } from '../model/practice.js';
import { trackerRecipientCategory } from '../observe/device-report/category-map.js';
import { owners } from '../observe/destination/owners.js';
import { resolveRecipient, type DestinationOptions } from '../observe/destination/resolve.js';
import { classify, uniqueEvidence } from './index.js';
import { recipientCoverage, type Coverage } from './coverage.js';

/** Accesses kept per observation as evidence. */
export const ACCESS_SAMPLES = 10;

export function accessObservations(report: DeviceReport, policy: PolicyExtraction): AccessObservation[] {
  const byType = new Map<string, DeviceReport['app']['accesses']>();
  for (const access of report.app.accesses) {
    const list = byType.get(access.dataType) ?? [];
    list.push(access);
    byType.set(access.dataType, list);
  }
  const self: Recipient = { host: report.app.id, domain: report.app.id, party: 'first' };
  return [...byType.entries()].map(([dataType, accesses]) => {
    const result = classify(policy.practices, dataType, self);
    return {
      source: report.source, dataType, categories: [...new Set(accesses.map((a) => a.category))],
      disclosure: result.disclosure, accesses: accesses.length, samples: accesses.slice(0, ACCESS_SAMPLES),
      policy: uniqueEvidence(result.matches),
    };
  });
}

/** Facts a capture of the same run adds: the country each host's server was seen in. */
export type HostCountries = ReadonlyMap<string, string>;

/**
 * The recipient of a contact, and whether its category is certain: a product's own domain or the
 * report's tracker category says what this host does; an organisation's usual role does not (a
 * Google host may serve app updates, not ads).
 */
function contactRecipient(contact: DomainContact, destinations: DestinationOptions, countries: HostCountries): { recipient: Recipient; categoryCertain: boolean } {
  const recipient = resolveRecipient({ host: contact.host }, destinations);
  const country = countries.get(recipient.host);
  if (country) recipient.country = country;
  const reported = contact.reportedCategory ? trackerRecipientCategory(contact.reportedCategory) : undefined;
  if (recipient.party === 'third' && !recipient.category && reported) {
    recipient.category = reported;
    return { recipient, categoryCertain: true };
  }
  const certain = owners().lookup(recipient.host)?.product !== undefined || (reported !== undefined && reported === recipient.category);
  return { recipient, categoryCertain: certain };
}

const SHARING: readonly Action[] = ['share', 'sell', 'collect', 'use'];

/**
 * How the policy covers a recipient, whatever the data: named (or its category) is clear, only
 * "third parties" is vague. A denial counts only when it speaks of personal information in general
 * and names this recipient, or its category when that is certain ("we do not share personal
 * information with advertisers" against an ad network's own domain).
 */
export function recipientDisclosure(
  practices: readonly Practice[], recipient: Recipient, categoryCertain = true,
): { disclosure: DisclosureClass; evidence: Practice[] } {
  if (recipient.party === 'first') return { disclosure: 'clear', evidence: [] };
  const positive: { practice: Practice; level: Coverage }[] = [];
  const negative: Practice[] = [];
  for (const practice of practices) {
    if (practice.dataSubject === 'children' || !SHARING.includes(practice.action)) continue;
    const level = recipientCoverage(practice, recipient);
    if (level === 'none') continue;
    if (!practice.negated) positive.push({ practice, level });
    else if (level === 'exact' && practice.action !== 'sell' && practice.dataType === 'personal_info' && (categoryCertain || practice.organization !== undefined)) negative.push(practice);
  }
  const exact = positive.filter((m) => m.level === 'exact');
  if (negative.length > 0) return { disclosure: exact.length > 0 ? 'ambiguous' : 'contradicted', evidence: [...negative, ...exact.map((m) => m.practice)] };
  if (exact.length > 0) return { disclosure: 'clear', evidence: exact.map((m) => m.practice) };
  if (positive.length > 0) return { disclosure: 'vague', evidence: positive.map((m) => m.practice) };
  return { disclosure: 'omitted', evidence: [] };
}

/** One observation per recipient (organisation, or registrable domain) and initiator. */
export function contactObservations(
  report: DeviceReport, policy: PolicyExtraction, destinations: DestinationOptions, countries: HostCountries = new Map(),
): ContactObservation[] {
  const groups = new Map<string, ContactObservation>();
  const certain = new Map<ContactObservation, boolean>();
  for (const contact of report.app.contacts) {
    const { recipient, categoryCertain } = contactRecipient(contact, destinations, countries);
    const key = `${recipient.party}|${recipient.organizationId ?? recipient.domain}|${recipient.country ?? ''}|${contact.initiatedBy}`;
    const seen = groups.get(key);
    if (seen) {
      if (!seen.hosts.includes(recipient.host)) seen.hosts.push(recipient.host);
      seen.hits += contact.hits;
      if (Date.parse(contact.first) < Date.parse(seen.first)) seen.first = contact.first;
      if (Date.parse(contact.last) > Date.parse(seen.last)) seen.last = contact.last;
      seen.reportedOwner ??= contact.reportedOwner;
      seen.reportedCategory ??= contact.reportedCategory;
      if (categoryCertain) certain.set(seen, true);
      continue;
    }
    const observation: ContactObservation = {
      source: report.source, recipient, hosts: [recipient.host], hits: contact.hits, first: contact.first, last: contact.last,
      initiatedBy: contact.initiatedBy as Initiator, disclosure: 'clear', policy: [],
    };
    if (contact.reportedOwner) observation.reportedOwner = contact.reportedOwner;
    if (contact.reportedCategory) observation.reportedCategory = contact.reportedCategory;
    groups.set(key, observation);
    certain.set(observation, categoryCertain);
  }
  const out = [...groups.values()];
  for (const o of out) {
    const { disclosure, evidence } = recipientDisclosure(policy.practices, o.recipient, certain.get(o) === true);
    o.disclosure = disclosure;
    o.policy = uniqueEvidence(evidence.map((practice) => ({ practice })));
  }
  return out.sort((a, b) => b.hits - a.hits || a.recipient.domain.localeCompare(b.recipient.domain));
}
