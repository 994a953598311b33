/** Disclosure classes ordered from worst to best, for colouring paths by their worst class. */
import type { DisclosureClass } from '../../model/finding.js';

export const DISCLOSURE_ORDER: DisclosureClass[] = ['contradicted', 'omitted', 'ambiguous', 'vague', 'clear'];

export function worst(classes: Iterable<DisclosureClass>): DisclosureClass {
  let best = DISCLOSURE_ORDER.length - 1;
  for (const c of classes) best = Math.min(best, DISCLOSURE_ORDER.indexOf(c));
  return DISCLOSURE_ORDER[best] as DisclosureClass;
}
