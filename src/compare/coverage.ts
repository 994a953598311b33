/**
 * How well one practice statement covers one observed (data type, recipient) pair.
 * 'exact': names this data type (or a narrower one) and this recipient (or its category);
 * 'broader': covers it only through a broader term ("personal information", "third parties").
 */
import type { Recipient } from '../model/flow.js';
import type { Action, Practice } from '../model/practice.js';
import { owners } from '../observe/destination/owners.js';
import { ontology } from '../vocab/ontology.js';

export type Coverage = 'exact' | 'broader' | 'none';

/** Does the statement's data type cover the observed one? */
export function dataCoverage(statementType: string, observedType: string): Coverage {
  const o = ontology();
  if (statementType === observedType) return 'exact';
  // A statement naming a narrower type (imei) clearly covers an observation of its parent (device_id).
  if (o.dataTypeCovers(observedType, statementType)) return 'exact';
  if (o.dataTypeCovers(statementType, observedType)) return 'broader';
  return 'none';
}

const FIRST_PARTY_ACTIONS: readonly Action[] = ['collect', 'use', 'retain'];
const DISCLOSING_ACTIONS: readonly Action[] = ['share', 'sell'];
const THIRD_PARTY_OWN_ACTIONS: readonly Action[] = ['collect', 'use'];

/** Does the statement speak of data going to this recipient? */
export function recipientCoverage(practice: Practice, recipient: Recipient): Coverage {
  if (recipient.party === 'first') {
    return practice.actor === 'first_party' && FIRST_PARTY_ACTIONS.includes(practice.action) ? 'exact' : 'none';
  }
  // "We share X with advertisers" — the first party hands the data over.
  if (practice.actor === 'first_party' && DISCLOSING_ACTIONS.includes(practice.action)) {
    return namedPartyCoverage(practice.recipient, practice.organization, recipient);
  }
  // "The Umeng SDK collects X" — the third party takes it itself.
  if (practice.actor !== 'first_party' && THIRD_PARTY_OWN_ACTIONS.includes(practice.action)) {
    return namedPartyCoverage(practice.actor, practice.organization, recipient);
  }
  return 'none';
}

function namedPartyCoverage(category: string | undefined, organization: string | undefined, recipient: Recipient): Coverage {
  if (organization !== undefined) {
    if (recipient.organizationId === undefined) return 'none';
    if (organization === recipient.organizationId) return 'exact';
    // Naming the group ("Alibaba") covers its subsidiary's SDK (Umeng) only broadly.
    return owners().lineage(recipient.organizationId).includes(organization) ? 'broader' : 'none';
  }
  if (category === undefined || category === 'third_party') return 'broader';
  if (category === recipient.organizationId) return 'exact';
  if (recipient.category === undefined) return 'none';
  const lineage = ontology().recipientLineage(recipient.category);
  if (lineage[0] === category) return 'exact';
  return lineage.includes(category) ? 'broader' : 'none';
}
