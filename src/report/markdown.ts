/** Markdown report, for pull requests, tickets and the terminal. */
import type { Finding } from '../model/finding.js';
import type { Recipient } from '../model/flow.js';
import { deviceEvidence, deviceReportSections } from './device-report-md.js';
import { labels } from './labels.js';
import type { Formatter, Report } from './model.js';

const MAX_FLOWS_SHOWN = 3;

export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function recipientText(r: Recipient | undefined): string {
  if (!r) return '';
  return r.organization ? `${r.host} (${r.organization})` : r.host;
}

export function verdictLine(report: Report, lang: 'en' | 'zh'): string {
  const L = labels(lang);
  if (report.findings.length === 0) return L.t('verdict_ok');
  const parts = (['high', 'medium', 'low', 'info'] as const)
    .filter((s) => report.summary.bySeverity[s])
    .map((s) => `${report.summary.bySeverity[s]} ${L.severity(s)}`);
  return L.t(report.findings.length === 1 ? 'verdict_finding' : 'verdict_findings', { n: report.findings.length, summary: parts.join(', ') });
}

function findingSection(f: Finding, lang: 'en' | 'zh', n: number): string[] {
  const L = labels(lang);
  const out = [`### ${n}. [${L.severity(f.severity)}] ${L.message(f)}`, ''];
  out.push(`\`${f.id}\``, '');
  if (f.dataType) out.push(`- ${L.t('dataType')}: ${L.dataType(f.dataType)}`);
  if (f.recipient) {
    const r = f.recipient;
    out.push(`- ${L.t('recipient')}: ${recipientText(r)} — ${L.t(r.party)}${r.country ? `, ${r.country}` : ''}`);
  }
  if (f.disclosure) out.push(`- ${L.t('disclosure')}: ${L.disclosure(f.disclosure)}`);
  if (f.element) out.push(`- ${L.t('element')}: ${L.element(f.element)}`);
  out.push(`- ${L.t('rules')}: ${f.rules.map((r) => `${r.jurisdiction.toUpperCase()} ${r.ref} — ${lang === 'zh' ? r.titleZh : r.title}`).join('; ')}`);
  if (f.evidence.flows.length > 0) {
    out.push('', `**${L.t('flowEvidence')}**`, '');
    for (const e of f.evidence.flows.slice(0, MAX_FLOWS_SHOWN)) {
      const what = e.value ? ` — \`${e.value}\` (${L.t('where')} \`${e.where}\`, ${e.encoding})` : '';
      out.push(`- #${e.index} ${e.time} ${e.method ?? ''} \`${e.url ?? e.host}\`${what}`);
    }
    if (f.evidence.flows.length > MAX_FLOWS_SHOWN) out.push(`- ${L.t('more', { n: f.evidence.flows.length - MAX_FLOWS_SHOWN })}`);
  }
  out.push(...deviceEvidence(f, lang));
  if (f.kind !== 'missing_notice_element') {
    out.push('', `**${L.t('policyEvidence')}**`, '');
    if (f.evidence.policy.length === 0) out.push(`> ${L.t('noPolicyText')}`);
    for (const p of f.evidence.policy.slice(0, MAX_FLOWS_SHOWN)) out.push(`> ${p.text.replace(/\n/g, ' ')} — *${p.location}*`);
  }
  out.push('');
  return out;
}

export const markdown: Formatter = (report, { lang }) => {
  const L = labels(lang);
  const out: string[] = [`# ${L.t('title')}`, ''];
  out.push(`- ${L.t('policy')}: \`${report.policy.source}\` (${report.policy.language})`);
  const reports = (report.deviceReports ?? []).map((d) => `\`${d.source}\` (${d.format})`);
  out.push(`- ${L.t('captures')}: ${[...report.captures.map((c) => `\`${c.source}\` (${c.format}, ${c.flows} ${L.t('flows')})`), ...reports].join(', ')}`);
  out.push(`- ${L.t('jurisdictions')}: ${report.jurisdictions.join(', ')}${report.region ? ` · ${L.t('region')}: ${report.region}` : ''}`);
  out.push('', `**${verdictLine(report, lang)}**`, '');
  if (report.errors.length > 0) out.push(`## ${L.t('errors')}`, '', ...report.errors.map((e) => `- ${e}`), '');
  out.push(`## ${L.t('observations')}`, '');
  out.push(`| ${L.t('dataType')} | ${L.t('recipient')} | ${L.t('party')} | ${L.t('country')} | ${L.t('disclosure')} | ${L.t('flows')} |`);
  out.push('|---|---|---|---|---|---|');
  for (const o of report.observations) {
    out.push(`| ${cell(L.dataType(o.dataType))} | ${cell(recipientText(o.recipient))} | ${L.t(o.recipient.party)} | ${o.recipient.country ?? ''} | ${L.disclosure(o.disclosure)}${o.condition ? ` (${L.t('condition')}: ${o.condition})` : ''} | ${o.flowCount} |`);
  }
  out.push('', ...deviceReportSections(report.deviceReports, lang));
  out.push(`## ${L.t('findings')}`, '');
  report.findings.forEach((f, i) => out.push(...findingSection(f, lang, i + 1)));
  if (!report.revealed) out.push(`*${L.t('masked')}*`, '');
  return out.join('\n');
};
