/** `privdiff rules list | show ID`: the rule packs as aligned columns, one rule as readable text. */
import { UsageError } from '../errors.js';
import { rulePacks, type RuleCondition, type RulePack } from '../judge/rule-pack.js';
import { displayWidth } from '../load/text-utils.js';

/** Pads to a display width (a Chinese character takes two columns). */
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

const GAP = '  ';

function list(packs: RulePack[], lang: 'en' | 'zh'): string {
  // One set of column widths for every pack, so the columns line up down the whole listing.
  const rules = packs.flatMap((p) => p.rules);
  const idWidth = Math.max(...rules.map((r) => displayWidth(r.id)));
  const severityWidth = Math.max(...rules.map((r) => r.severity.length));
  const blocks = packs.map((pack) => {
    const lines = [`${pack.jurisdiction} — ${pack.name[lang]} (${pack.rules.length} ${pack.rules.length === 1 ? 'rule' : 'rules'})`];
    // The legal reference varies from 3 to 60 columns: last, after the title, it cannot push anything out of line.
    for (const rule of pack.rules) lines.push(`  ${pad(rule.id, idWidth)}${GAP}${pad(rule.severity, severityWidth)}${GAP}${rule.title[lang]} — ${rule.ref}`);
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

const LABELS: Record<keyof RuleCondition, string> = {
  kind: 'finding kind',
  party: 'recipient',
  recipientCategory: 'recipient category',
  dataTypes: 'data types',
  sensitive: 'data',
  disclosure: 'disclosure',
  element: 'notice element',
  facts: 'facts',
};

/** A rule's condition as `label: value` lines, in the order of the labels above. */
function describeCondition(when: RuleCondition): string[] {
  const lines: string[] = [];
  for (const key of Object.keys(LABELS) as (keyof RuleCondition)[]) {
    const value = when[key];
    if (value === undefined) continue;
    let text: string;
    if (key === 'party') text = value === 'first' ? 'the first party' : 'a third party';
    else if (key === 'sensitive') text = value ? 'sensitive only' : 'not sensitive';
    else if (key === 'dataTypes') text = `${(value as string[]).join(', ')} (or a narrower type)`;
    else if (key === 'recipientCategory') text = `${(value as string[]).join(', ')} (or a narrower category)`;
    else if (key === 'facts') text = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k} = ${String(v)}`).join(', ');
    else text = Array.isArray(value) ? value.join(' or ') : String(value);
    lines.push(`  ${pad(`${LABELS[key]}:`, 20)}${text}`);
  }
  return lines;
}

function show(packs: RulePack[], id: string, lang: 'en' | 'zh'): string {
  for (const pack of packs) {
    const rule = pack.rules.find((r) => r.id === id);
    if (!rule) continue;
    const other = lang === 'en' ? 'zh' : 'en';
    return `${[
      `${rule.id}  [${rule.severity}]`,
      `${pack.law.title[lang]} — ${rule.ref}`,
      '',
      rule.title[lang],
      rule.title[other],
      ...(rule.description ? ['', rule.description[lang]] : []),
      '',
      `needs: ${rule.needs === 'both' ? 'the policy and the traffic' : rule.needs === 'flows' ? 'the traffic' : 'the policy alone'}`,
      'fires on a gap with',
      ...describeCondition(rule.when),
      ...(pack.law.url ? ['', `law: ${pack.law.url}`] : []),
    ].join('\n')}\n`;
  }
  throw new UsageError(`no rule "${id}" (see privdiff rules list)`);
}

export function commandRules(action: string, id: string | undefined, lang: 'en' | 'zh', only?: string[]): string {
  const all = rulePacks();
  if (only) {
    const unknown = only.filter((j) => !all.some((p) => p.jurisdiction === j.toLowerCase()));
    if (unknown.length > 0) throw new UsageError(`unknown jurisdiction "${unknown[0]}" (known: ${all.map((p) => p.jurisdiction).join(', ')})`);
  }
  const packs = all.filter((p) => !only || only.some((j) => j.toLowerCase() === p.jurisdiction));
  if (action === 'list') return list(packs, lang);
  if (action === 'show') {
    if (!id) throw new UsageError('rules show needs a rule id (see privdiff rules list)');
    return show(packs, id, lang);
  }
  throw new UsageError(`rules takes "list" or "show ID" (got "${action}")`);
}
