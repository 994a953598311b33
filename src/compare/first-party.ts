/**
 * The app's own domains, read from the policy: the controller's e-mail addresses and web addresses.
 * A flow to one of them is first party; `--first-party` adds more.
 */
import type { PolicyExtraction } from '../model/practice.js';

const CONTROLLER_ELEMENTS = new Set(['controller_identity', 'controller_contact', 'dpo_contact']);
const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const WEB = /\bhttps?:\/\/([A-Za-z0-9.-]+\.[A-Za-z]{2,})|\bwww\.([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

export function firstPartyDomainsFromPolicy(policy: PolicyExtraction): string[] {
  const domains = new Set<string>();
  for (const entry of policy.notice) {
    if (!CONTROLLER_ELEMENTS.has(entry.element)) continue;
    const text = `${entry.evidence.text} ${entry.value ?? ''}`;
    for (const m of text.matchAll(EMAIL)) domains.add((m[1] as string).toLowerCase().replace(/\.$/, ''));
    for (const m of text.matchAll(WEB)) domains.add(((m[1] ?? m[2]) as string).toLowerCase().replace(/\.$/, ''));
  }
  return [...domains];
}
