/**
 * Stage 4, compare: every observed (data type, recipient) pair gets a disclosure class —
 * clear, vague, omitted, contradicted or ambiguous (the classes of PoliCheck-style consistency analysis).
 */
import type { Flow, Recipient } from '../model/flow.js';
import type { DisclosureClass, Observation } from '../model/finding.js';
import type { Evidence, Practice, PolicyExtraction } from '../model/practice.js';
import { FlowGrouper, type FlowGroup } from './collect.js';
import { dataCoverage, recipientCoverage, type Coverage } from './coverage.js';

export { dataCoverage, recipientCoverage } from './coverage.js';
export { FlowGrouper, EVIDENCE_PER_PAIR, INDEXES_PER_PAIR, type FlowGroup } from './collect.js';

interface Match {
  practice: Practice;
  level: Coverage;
}

/** Combined coverage of a statement: the weaker of its data and recipient coverage. */
function match(practice: Practice, dataType: string, recipient: Recipient): Coverage {
  const data = dataCoverage(practice.dataType, dataType);
  if (data === 'none') return 'none';
  // "Your data is stored in the EU" says where data is kept, not which data is collected.
  if (practice.action === 'retain' && data !== 'exact') return 'none';
  const party = recipientCoverage(practice, recipient);
  if (party === 'none') return 'none';
  return data === 'exact' && party === 'exact' ? 'exact' : 'broader';
}

export function classify(practices: Practice[], dataType: string, recipient: Recipient): {
  disclosure: DisclosureClass;
  matches: Match[];
  condition?: string;
} {
  const matches: Match[] = [];
  for (const practice of practices) {
    // Statements about children's data say nothing about the adult test user's flows.
    if (practice.dataSubject === 'children') continue;
    // "We do not sell X" says nothing about sharing X, and traffic cannot tell a sale from a share.
    if (practice.negated && practice.action === 'sell') continue;
    const level = match(practice, dataType, recipient);
    if (level !== 'none') matches.push({ practice, level });
  }
  const positive = matches.filter((m) => !m.practice.negated);
  const negative = matches.filter((m) => m.practice.negated);
  const best = positive.find((m) => m.level === 'exact') ?? positive[0];
  let disclosure: DisclosureClass;
  if (negative.length > 0 && positive.length > 0) disclosure = 'ambiguous';
  else if (negative.length > 0) disclosure = 'contradicted';
  else if (best?.level === 'exact') disclosure = 'clear';
  else if (best) disclosure = 'vague';
  else disclosure = 'omitted';
  // A consent requirement stated in any covering statement holds for the data ("we process precise
  // location only with your separate consent" in the sensitive-data section covers the collection sentence).
  const pool = positive.some((m) => m.level === 'exact') ? positive.filter((m) => m.level === 'exact') : positive;
  const condition = pool.find((m) => m.practice.condition === 'separate_consent')?.practice.condition ?? best?.practice.condition;
  return condition ? { disclosure, matches, condition } : { disclosure, matches };
}

/** One observation per recipient and server country: a flow abroad must not hide behind a domestic one. */
export function uniqueEvidence(matches: readonly { practice: Practice }[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const { practice } of matches) {
    const key = `${practice.evidence.location}|${practice.evidence.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(practice.evidence);
    }
  }
  return out;
}

/** Classifies grouped flows: one observation per (data type, recipient) pair. */
export function observe(groups: FlowGroup[], policy: PolicyExtraction): Observation[] {
  return groups.map((group) => {
    const result = classify(policy.practices, group.dataType, group.recipient);
    const observation: Observation = {
      dataType: group.dataType,
      recipient: group.recipient,
      disclosure: result.disclosure,
      flows: group.flowIndexes,
      flowCount: group.flowCount,
      policy: uniqueEvidence(result.matches),
      cleartext: group.cleartext,
    };
    if (group.hosts.length > 0) observation.hosts = group.hosts;
    if (result.condition) observation.condition = result.condition;
    return observation;
  });
}

/** Groups the flows' detections into (data type, recipient) observations and classifies each. */
export function compare(flows: Flow[], policy: PolicyExtraction): Observation[] {
  const grouper = new FlowGrouper();
  for (const flow of flows) grouper.add(flow);
  return observe(grouper.groups(), policy);
}
