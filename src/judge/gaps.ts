/**
 * Gaps: the problems between policy and behaviour (or in the policy alone) before any law judges
 * them. Each gap kind is one small function; rule packs decide which gaps break which law.
 */
import type { Flow } from '../model/flow.js';
import type { FlowEvidence, Gap, Observation } from '../model/finding.js';
import type { Evidence, NoticeEntry, PolicyExtraction, Practice } from '../model/practice.js';
import { ontology } from '../vocab/ontology.js';
import { countriesOf, regionContains } from './regions.js';

export interface GapOptions {
  /** The user's region (--region): flows to servers outside it are cross-border transfers. */
  region?: string;
  /** Consent moment (--consent-at): an ISO time, or a flow index given as a number. */
  consentAt?: { time: string } | { flow: number };
  /** App type (--app-category) for the necessary-information rules. */
  appCategory?: string;
}

const KIND_BY_DISCLOSURE = {
  omitted: { first: 'undisclosed_collection', third: 'undisclosed_sharing' },
  vague: { first: 'vague_disclosure', third: 'vague_disclosure' },
  contradicted: { first: 'contradicted_statement', third: 'contradicted_statement' },
  ambiguous: { first: 'ambiguous_disclosure', third: 'ambiguous_disclosure' },
} as const;

export function flowEvidence(flow: Flow, dataType?: string): FlowEvidence {
  const e: FlowEvidence = { capture: flow.capture, index: flow.index, time: flow.time, host: flow.host };
  if (flow.method) e.method = flow.method;
  if (flow.url) e.url = flow.url;
  const detection = dataType ? flow.detections.find((d) => d.dataType === dataType) : undefined;
  if (detection) {
    e.where = detection.where;
    e.encoding = detection.encoding;
    e.value = detection.value;
  }
  return e;
}

function observationFlows(obs: Observation, flows: Map<number, Flow>, filter: (f: Flow) => boolean = () => true): FlowEvidence[] {
  return obs.flows
    .map((i) => flows.get(i))
    .filter((f): f is Flow => f !== undefined && filter(f))
    .map((f) => flowEvidence(f, obs.dataType));
}

function baseFacts(obs: Observation): Gap['facts'] {
  const facts: Gap['facts'] = { party: obs.recipient.party, ontologySensitive: ontology().isSensitive(obs.dataType) };
  if (obs.recipient.country) facts.country = obs.recipient.country;
  if (obs.condition) facts.condition = obs.condition;
  return facts;
}

function disclosureGap(obs: Observation, flows: Map<number, Flow>): Gap | undefined {
  if (obs.disclosure === 'clear') return undefined;
  const kind = KIND_BY_DISCLOSURE[obs.disclosure][obs.recipient.party];
  return {
    kind, dataType: obs.dataType, recipient: obs.recipient, disclosure: obs.disclosure,
    flows: observationFlows(obs, flows), policy: obs.policy, facts: baseFacts(obs),
  };
}

/** What the policy says about protecting data (the claim an insecure-transmission finding tests). */
function securityStatements(policy: PolicyExtraction): Evidence[] {
  return dedupe(policy.notice.filter((n) => n.element === 'security_measures').map((n) => n.evidence));
}

function insecureGap(obs: Observation, flows: Map<number, Flow>, policy: PolicyExtraction): Gap | undefined {
  if (!obs.cleartext) return undefined;
  return {
    kind: 'insecure_transmission', dataType: obs.dataType, recipient: obs.recipient,
    flows: observationFlows(obs, flows, (f) => f.cleartext), policy: securityStatements(policy), facts: baseFacts(obs),
  };
}

function sensitiveConsentGap(obs: Observation, flows: Map<number, Flow>): Gap | undefined {
  if (obs.condition === 'separate_consent') return undefined;
  return {
    kind: 'sensitive_without_separate_consent', dataType: obs.dataType, recipient: obs.recipient,
    flows: observationFlows(obs, flows), policy: obs.policy, facts: baseFacts(obs),
  };
}

/**
 * Where the policy says data is kept ("stored on servers in the EU"). A place named in a sentence
 * that allows transfers ("we may transfer data outside the EEA") is not a promise that data stays there.
 */
function locationPromises(policy: PolicyExtraction): NoticeEntry[] {
  const allowed = policy.practices.filter((p) => p.action === 'transfer_abroad' && !p.negated);
  const transferTexts = new Set(allowed.map((p) => p.evidence.text));
  return policy.notice.filter((n) => n.element === 'international_transfer' && n.value && !transferTexts.has(n.evidence.text));
}

/**
 * The server is outside every place the policy says data is kept: the policy is contradicted,
 * whatever the user's region. Evidence: the location statements.
 */
function locationGap(obs: Observation, flows: Map<number, Flow>, policy: PolicyExtraction): Gap | undefined {
  const country = obs.recipient.country;
  if (!country) return undefined;
  const promises = locationPromises(policy);
  if (promises.length === 0 || promises.some((n) => regionContains(n.value as string, country))) return undefined;
  return {
    kind: 'contradicted_data_location', dataType: obs.dataType, recipient: obs.recipient, disclosure: 'contradicted',
    flows: observationFlows(obs, flows), policy: dedupe(promises.map((n) => n.evidence)),
    facts: { ...baseFacts(obs), promisedLocation: [...new Set(promises.map((n) => n.value as string))].join(', ') },
  };
}

/**
 * The server is outside the user's region (--region): a transfer abroad. It is disclosed when a
 * transfer statement reaches the server's country, when the policy places data there, or when it
 * speaks of transfers without naming a place; contradicted when a statement denies it or the policy
 * says data is kept elsewhere.
 */
function crossBorderGap(obs: Observation, flows: Map<number, Flow>, policy: PolicyExtraction, region?: string): Gap | undefined {
  const country = obs.recipient.country;
  if (!country || region === undefined || regionContains(region, country)) return undefined;
  const transfers = policy.practices.filter((p) => p.action === 'transfer_abroad');
  const allowed = transfers.filter((p) => !p.negated);
  // "We transfer X to Singapore" does not disclose a server in the US.
  const covering = allowed.filter((p) => transferReaches(p, country));
  const denied = transfers.filter((p) => p.negated && transferReaches(p, country));
  const promises = locationPromises(policy);
  const mentions = policy.notice.filter((n) => n.element === 'international_transfer');
  let disclosure: Gap['disclosure'];
  let policyEvidence: Evidence[];
  if (denied.length > 0) {
    disclosure = covering.length > 0 ? 'ambiguous' : 'contradicted';
    policyEvidence = [...denied.map((p) => p.evidence), ...covering.map((p) => p.evidence)];
  } else if (covering.length > 0 || promises.some((n) => regionContains(n.value as string, country)) || mentions.some((n) => !n.value)) {
    return undefined;
  } else if (promises.length > 0) {
    // "Your data is stored in the EU" says it does not leave the EU: a transfer elsewhere goes against it.
    disclosure = 'contradicted';
    policyEvidence = promises.map((n) => n.evidence);
  } else {
    // What the policy does say about places (transfers elsewhere, where data is kept) shows the gap.
    disclosure = 'omitted';
    policyEvidence = [...allowed.map((p) => p.evidence), ...mentions.map((n) => n.evidence)];
  }
  return {
    kind: 'undisclosed_cross_border', dataType: obs.dataType, recipient: obs.recipient, disclosure,
    flows: observationFlows(obs, flows), policy: dedupe(policyEvidence), facts: { ...baseFacts(obs), region },
  };
}

/** Does a disclosed transfer reach this country? A recipient that names no place (a partner, a category) may be anywhere. */
const OUT_OF = /\b(?:outside|beyond|out of)\b|境外|以外|之外/i;

/**
 * Does a transfer statement reach the server's country? "to Singapore" reaches SG only;
 * "outside the EEA" reaches every country outside the EEA; no place named reaches all.
 */
function transferReaches(p: Practice, country: string): boolean {
  const place = p.recipient;
  if (!place || !/^[A-Z]{2,}(?:-[A-Z]{2})?$/.test(place) || countriesOf(place).length === 0) return true;
  return OUT_OF.test(p.evidence.text) ? !regionContains(place, country) : regionContains(place, country);
}

function beforeConsentGap(obs: Observation, flows: Map<number, Flow>, consentAt: GapOptions['consentAt']): Gap | undefined {
  if (!consentAt) return undefined;
  const before = (f: Flow) => ('flow' in consentAt ? f.index < consentAt.flow : Date.parse(f.time) < Date.parse(consentAt.time));
  const early = observationFlows(obs, flows, before);
  if (early.length === 0) return undefined;
  return {
    kind: 'collected_before_consent', dataType: obs.dataType, recipient: obs.recipient,
    flows: early, policy: [], facts: baseFacts(obs),
  };
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(e.location + e.text) && seen.add(e.location + e.text));
}

/** Notice elements the policy states, including those implied by its practices. */
export function presentNoticeElements(policy: PolicyExtraction): Set<string> {
  const present = new Set(policy.notice.map((n) => n.element));
  if (policy.practices.some((p) => !p.negated && (p.action === 'collect' || p.action === 'use'))) present.add('data_types');
  if (policy.practices.some((p) => !p.negated && (p.action === 'share' || p.actor !== 'first_party'))) present.add('recipients');
  if (policy.practices.some((p) => p.purpose)) present.add('purposes');
  return present;
}

/** Policy-only gaps: one per notice element the policy never states. */
export function noticeGaps(policy: PolicyExtraction): Gap[] {
  const present = presentNoticeElements(policy);
  return [...ontology().noticeElements.keys()]
    .filter((element) => !present.has(element))
    .map((element) => ({ kind: 'missing_notice_element' as const, element, flows: [], policy: [], facts: {} }));
}

/** Behaviour gaps: what the observed flows show that the policy does not cover. */
export function flowGaps(observations: Observation[], flows: Flow[], policy: PolicyExtraction, options: GapOptions): Gap[] {
  const byIndex = new Map(flows.map((f) => [f.index, f]));
  const gaps: Gap[] = [];
  for (const obs of observations) {
    for (const gap of [
      disclosureGap(obs, byIndex),
      locationGap(obs, byIndex, policy),
      crossBorderGap(obs, byIndex, policy, options.region),
      insecureGap(obs, byIndex, policy),
      sensitiveConsentGap(obs, byIndex),
      beforeConsentGap(obs, byIndex, options.consentAt),
    ]) {
      if (gap) gaps.push(obs.hosts ? { ...gap, hosts: obs.hosts } : gap);
    }
  }
  return gaps;
}
