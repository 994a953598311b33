/** `privdiff extract --format md`: the practices and notice elements as tables a person can scan. */
import type { PolicyExtraction } from '../model/practice.js';

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function extractionMarkdown(x: PolicyExtraction): string {
  const out = [`# Practices in ${x.source}`, '', `Language: ${x.language}${x.script ? ` (${x.script})` : ''} · ${x.practices.length} practices · ${x.notice.length} notice entries`, ''];
  out.push('| actor | action | data type | recipient | negated | condition | purpose | where | sentence |', '|---|---|---|---|---|---|---|---|---|');
  for (const p of x.practices) {
    out.push(`| ${cell(p.organization ?? p.actor)} | ${p.action} | ${p.dataType} | ${cell(p.recipient)} | ${p.negated ? 'yes' : ''} | ${cell(p.condition)} | ${cell(p.purpose)} | ${p.evidence.location} | ${cell(p.evidence.text)} |`);
  }
  out.push('', '## Notice elements', '', '| element | value | where | sentence |', '|---|---|---|---|');
  for (const n of x.notice) out.push(`| ${n.element} | ${cell(n.value)} | ${n.evidence.location} | ${cell(n.evidence.text)} |`);
  return `${out.join('\n')}\n`;
}
