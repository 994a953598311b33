/**
 * Markdown report, for pull requests, tickets and the terminal. Every piece of untrusted text goes
 * through mdText or mdCode (markdown-escape.ts): rendered with raw HTML allowed, nothing from a
 * capture or a policy becomes markup, a link or a broken table.
 */
import type { Finding, FindingItem } from '../model/finding.js';
import type { Recipient } from '../model/flow.js';
import { recipientName } from '../judge/index.js';
import { evidencePlace } from './evidence-place.js';
import { labels, type Labels } from './labels.js';
import { trafficReadLabels } from './traffic-read.js';
import { mdCode, mdLine, mdText } from './markdown-escape.js';
import { deviceEvidence, deviceReportSections } from './device-report-md.js';
import type { Formatter, Report } from './model.js';

const MAX_FLOWS_SHOWN = 3;
const MAX_ITEMS_SHOWN = 12;
const MAX_POLICY_SHOWN = 3;
const MAX_TLS_HOSTS_SHOWN = 15;

/** `label: value` with the language's colon. */
function field(L: Labels, key: string, value: string): string {
  return `${mdText(L.t(key))}${L.lang === 'zh' ? '：' : ': '}${value}`;
}

/** The language's list separator. */
const comma = (L: Labels) => (L.lang === 'zh' ? '、' : ', ');

function recipientText(r: Recipient | undefined, hosts?: string[]): string {
  return r ? recipientName(r, hosts ?? [r.host]) : '';
}

/** The verdict in one line: what the findings say, or that there was nothing to check. */
export function verdictLine(report: Report, lang: 'en' | 'zh'): string {
  const L = labels(lang);
  const parts = (['high', 'medium', 'low', 'info'] as const)
    .filter((s) => report.summary.bySeverity[s])
    .map((s) => `${report.summary.bySeverity[s]} ${L.severity(s)}`);
  const found = report.findings.length === 0 ? '' : L.t(report.findings.length === 1 ? 'verdict_finding' : 'verdict_findings', { n: report.findings.length, summary: parts.join(lang === 'zh' ? '，' : ', ') });
  if (report.mode === 'check') return found || L.t('verdict_ok_check');
  // With no traffic read nothing was checked, whatever the policy-only findings say.
  const unread = trafficReadLabels(report);
  if (unread) return [L.t(unread.verdict), found].filter(Boolean).join(' ');
  return found || L.t('verdict_ok');
}

/** One rule: `GDPR Art. 32(1)(a) — title (only for IMEI)`. */
export function ruleText(r: Finding['rules'][number], L: Labels): string {
  const only = r.dataTypes ? ` (${L.t('onlyFor', { dataTypes: r.dataTypes.map((d) => L.dataTypeName(d)).join(', ') })})` : '';
  return `${r.jurisdiction.toUpperCase()} ${r.ref} — ${L.lang === 'zh' ? r.titleZh : r.title}${only}`;
}

function flowLine(e: Finding['evidence']['flows'][number], L: Labels): string {
  const what = e.value !== undefined
    ? ` — ${mdCode(e.value)} (${mdText(L.t('where'))} ${mdCode(e.where ?? '')}${L.lang === 'zh' ? '，' : ', '}${mdText(L.encoding(e.encoding ?? 'plain'))})`
    : '';
  return `#${e.index} ${mdText(e.time)} ${e.method ? `${mdText(e.method)} ` : ''}${mdCode(e.url ?? e.host)}${what}`;
}

function itemLines(item: FindingItem, L: Labels): string[] {
  const out = [`- ${mdText(L.dataType(item.dataType))} → ${mdText(recipientText(item.recipient, item.hosts))}`];
  for (const e of item.flows.slice(0, MAX_FLOWS_SHOWN)) out.push(`  - ${flowLine(e, L)}`);
  if (item.flows.length > MAX_FLOWS_SHOWN) out.push(`  - ${mdText(L.t('more', { n: item.flows.length - MAX_FLOWS_SHOWN }))}`);
  return out;
}

function findingSection(f: Finding, L: Labels, n: number): string[] {
  const out = [`### ${n}. \\[${mdText(L.severity(f.severity))}\\] ${mdText(L.message(f))}`, '', mdCode(f.id), ''];
  const dataTypes = f.dataTypes ?? (f.dataType ? [f.dataType] : []);
  if (dataTypes.length > 0) out.push(`- ${field(L, dataTypes.length > 1 ? 'dataTypes' : 'dataType', mdText(dataTypes.map((d) => L.dataType(d)).join(comma(L))))}`);
  if (f.recipient) {
    const r = f.recipient;
    const where = [L.t(r.party), ...(f.countries ?? (r.country ? [r.country] : [])).map((c) => L.country(c))].join(L.lang === 'zh' ? '，' : ', ');
    out.push(`- ${field(L, 'recipient', `${mdText(recipientText(r, f.hosts))} — ${mdText(where)}`)}`);
  }
  if (f.disclosure) out.push(`- ${field(L, 'disclosure', mdText(L.disclosure(f.disclosure)))}`);
  if (f.element) out.push(`- ${field(L, 'element', mdText(L.element(f.element)))}`);
  out.push(`- ${field(L, 'rules', f.rules.map((r) => mdText(ruleText(r, L))).join(L.lang === 'zh' ? '；' : '; '))}`);
  const items = f.items ?? [];
  if (items.length > 0) {
    out.push('', `**${mdText(L.t('flowEvidence'))}**`, '');
    for (const item of items.slice(0, MAX_ITEMS_SHOWN)) out.push(...itemLines(item, L));
    if (items.length > MAX_ITEMS_SHOWN) out.push(`- ${mdText(L.t('more', { n: items.length - MAX_ITEMS_SHOWN }))}`);
  } else if (f.evidence.flows.length > 0) {
    out.push('', `**${mdText(L.t('flowEvidence'))}**`, '');
    for (const e of f.evidence.flows.slice(0, MAX_FLOWS_SHOWN)) out.push(`- ${flowLine(e, L)}`);
  }
  out.push(...deviceEvidence(f, L.lang));
  if (f.kind !== 'missing_notice_element') {
    out.push('', `**${mdText(L.t('policyEvidence'))}**`, '');
    if (f.evidence.policy.length === 0) out.push(`> ${mdText(L.noPolicyText(f.kind))}`);
    for (const p of f.evidence.policy.slice(0, MAX_POLICY_SHOWN)) out.push(`> ${mdText(p.text)} — *${mdText(evidencePlace(p))}*`, '>');
    if (out[out.length - 1] === '>') out.pop();
  }
  out.push('');
  return out;
}

function tlsSection(report: Report, L: Labels): string[] {
  const tls = report.tls;
  const lines: string[] = [];
  const unread = trafficReadLabels(report);
  if (unread) lines.push(mdLine(L.t(unread.unseen)));
  if (tls && tls.connections > 0) {
    if (tls.undecrypted === 0) lines.push(mdLine(L.t('tlsNone')));
    else {
      const partial = tls.partial > 0 ? L.t('tlsPartial', { n: tls.partial }) : '';
      lines.push(mdLine(L.t('tlsSummary', { undecrypted: tls.undecrypted, connections: tls.connections, partial })), '');
      lines.push(`| ${mdText(L.t('tlsHost'))} | ${mdText(L.t('tlsReason'))} | ${mdText(L.t('tlsConnections'))} |`, '|---|---|---|');
      for (const h of tls.hosts.slice(0, MAX_TLS_HOSTS_SHOWN)) {
        lines.push(`| ${mdCode(h.host, true)} | ${mdText(L.tlsReason(h.reason))} | ${h.connections}${h.partial ? ` (${mdText(L.t('tlsPartial', { n: h.partial }).trim())})` : ''} |`);
      }
      const rest = tls.hostCount - Math.min(tls.hosts.length, MAX_TLS_HOSTS_SHOWN);
      if (rest > 0) lines.push('', mdLine(L.t('tlsMoreHosts', { n: rest })));
    }
  }
  return lines.length > 0 ? [`## ${mdText(L.t('tlsTitle'))}`, '', ...lines, ''] : [];
}

function observationsTable(report: Report, L: Labels, numbers: Map<string, number>): string[] {
  const out = [`## ${mdText(L.t('observations'))}`, ''];
  const head = ['dataType', 'recipient', 'party', 'country', 'collectionDisclosure', 'verdictColumn', 'findingRefs', 'flowsColumn'];
  out.push(`| ${head.map((k) => mdText(L.t(k))).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
  for (const o of report.observations) {
    const condition = o.condition ? ` (${mdText(L.condition(o.condition))})` : '';
    const refs = (o.findings ?? []).map((id) => numbers.get(id)).filter((n): n is number => n !== undefined).sort((a, b) => a - b).map((n) => `#${n}`).join(' ');
    const cells = [
      mdText(L.dataType(o.dataType)), mdText(recipientText(o.recipient, o.hosts)), mdText(L.t(o.recipient.party)),
      o.recipient.country ? mdText(L.country(o.recipient.country)) : '', `${mdText(L.disclosure(o.disclosure))}${condition}`,
      mdText(L.disclosure(o.verdict ?? o.disclosure)), refs, String(o.flowCount),
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  if (report.observations.length === 0) out.push('', mdLine(L.t('noObservations')));
  out.push('');
  return out;
}

export const markdown: Formatter = (report, { lang }) => {
  const L = labels(lang);
  const check = report.mode === 'check';
  const out: string[] = [`# ${mdText(L.t(check ? 'title_check' : 'title'))}`, ''];
  out.push(`- ${field(L, 'policy', `${mdCode(report.policy.source)} (${mdText(report.policy.language)})`)}`);
  const phoneReports = (report.deviceReports ?? []).map((d) => `${mdCode(d.source)} (${mdText(d.format)})`);
  if (!check) out.push(`- ${field(L, 'captures', [...report.captures.map((c) => `${mdCode(c.source)} (${mdText(c.format)}, ${c.flows} ${mdText(L.t('flows'))})`), ...phoneReports].join(comma(L)))}`);
  out.push(`- ${field(L, 'jurisdictions', mdText(report.jurisdictions.map((j) => j.toUpperCase()).join(comma(L))))}${report.region ? ` · ${field(L, 'region', mdText(report.region))}` : ''}`);
  if (report.firstParty && report.firstParty.length > 0) out.push(`- ${field(L, 'firstParty', report.firstParty.map((d) => `${mdCode(d.domain)} (${mdText(d.reason)})`).join('; '))}`);
  if (check) out.push('', `*${mdText(L.t('checkNote'))}*`);
  out.push('', `**${mdText(verdictLine(report, lang))}**`, '');
  if (!check && report.findings.length > 0) {
    const kinds = Object.entries(report.summary.byKind ?? {}).map(([k, n]) => `${n} ${L.kind(k)}`);
    if (kinds.length > 0) out.push(`${mdLine(L.t('byKind'))}${lang === 'zh' ? '：' : ': '}${mdText(kinds.join(lang === 'zh' ? '，' : ', '))}`, '');
  }
  if (report.errors.length > 0) out.push(`## ${mdText(L.t('errors'))}`, '', ...report.errors.map((e) => `- ${mdText(e)}`), '');
  const numbers = new Map(report.findings.map((f, i) => [f.id, i + 1]));
  if (!check) out.push(...tlsSection(report, L), ...observationsTable(report, L, numbers), ...deviceReportSections(report.deviceReports, lang));
  out.push(`## ${mdText(L.t('findings'))}`, '');
  if (report.findings.length === 0) out.push(mdLine(L.t('noFindings')), '');
  report.findings.forEach((f, i) => out.push(...findingSection(f, L, i + 1)));
  if (!check && !report.revealed) out.push(`*${mdText(L.t('masked'))}*`, '');
  return out.join('\n');
};
