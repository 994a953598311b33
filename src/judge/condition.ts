/** Does a rule's declarative condition (`when`) hold for a gap? */
import type { Gap } from '../model/finding.js';
import { ontology } from '../vocab/ontology.js';
import type { RuleCondition, RulePack } from './rule-pack.js';

function inList(dataType: string, list: string[]): boolean {
  const lineage = ontology().dataTypeLineage(dataType);
  return list.some((t) => lineage.includes(t));
}

export function conditionHolds(when: RuleCondition, gap: Gap, pack: RulePack): boolean {
  const kinds = Array.isArray(when.kind) ? when.kind : [when.kind];
  if (!kinds.includes(gap.kind)) return false;
  if (when.party && gap.recipient?.party !== when.party) return false;
  if (when.element && gap.element !== when.element) return false;
  if (when.recipientCategory) {
    const category = gap.recipient?.category;
    if (!category || !ontology().recipientLineage(category).some((c) => when.recipientCategory?.includes(c))) return false;
  }
  if (when.disclosure && (!gap.disclosure || !when.disclosure.includes(gap.disclosure))) return false;
  if (when.dataTypes && (!gap.dataType || !inList(gap.dataType, when.dataTypes))) return false;
  if (when.sensitive !== undefined) {
    const sensitive = gap.dataType !== undefined && inList(gap.dataType, pack.sensitiveDataTypes ?? []);
    if (sensitive !== when.sensitive) return false;
  }
  if (when.facts) {
    for (const [key, value] of Object.entries(when.facts)) if (gap.facts[key] !== value) return false;
  }
  return true;
}
