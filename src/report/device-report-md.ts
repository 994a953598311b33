/** Markdown for phones' privacy reports: what the app used and contacted, and the report side of a finding's evidence. */
import type { ContactObservation, DeviceReportSection } from '../model/device-report.js';
import type { Finding } from '../model/finding.js';
import { labels } from './labels.js';
import { cell } from './markdown.js';

type Labels = ReturnType<typeof labels>;

const SHOWN = 5;

function recipientName(o: ContactObservation): string {
  return o.recipient.organization ?? o.reportedOwner ?? o.recipient.domain;
}

function section(s: DeviceReportSection, L: Labels): string[] {
  const app = s.app.name ? `${s.app.name} (${s.app.id})` : s.app.id;
  const out = [`### ${cell(app)} — \`${cell(s.source)}\``, '', L.t('phoneReportNote', { app: cell(app) }), ''];
  out.push(`#### ${L.t('accessesTitle')}`, '');
  if (s.accesses.length === 0) out.push(L.t('noAccesses'), '');
  else {
    out.push(`| ${L.t('dataType')} | ${L.t('accesses')} | ${L.t('disclosure')} |`, '|---|---|---|');
    for (const a of s.accesses) out.push(`| ${cell(L.dataType(a.dataType))} | ${a.accesses} | ${L.disclosure(a.disclosure)} |`);
    out.push('');
  }
  out.push(`#### ${L.t('contactsTitle')}`, '');
  if (s.contacts.length === 0) out.push(L.t('noContacts'), '');
  else {
    out.push(`| ${L.t('recipient')} | ${L.t('hosts')} | ${L.t('party')} | ${L.t('initiatedBy')} | ${L.t('hits')} | ${L.t('disclosure')} |`, '|---|---|---|---|---|---|');
    // The app's own requests first, then those of content it loaded: two different responsibilities.
    const order = { app: 0, unknown: 1, content: 2 } as const;
    for (const c of [...s.contacts].sort((a, b) => order[a.initiatedBy] - order[b.initiatedBy])) {
      out.push(`| ${cell(recipientName(c))} | ${cell(c.hosts.join(', '))} | ${L.t(c.recipient.party)} | ${L.t(`initiator_${c.initiatedBy}`)} | ${c.hits} | ${L.disclosure(c.disclosure)} |`);
    }
    out.push('');
  }
  return out;
}

export function deviceReportSections(sections: readonly DeviceReportSection[] | undefined, lang: 'en' | 'zh'): string[] {
  if (!sections || sections.length === 0) return [];
  const L = labels(lang);
  return [`## ${L.t('phoneReports')}`, '', ...sections.flatMap((s) => section(s, L))];
}

/** The report side of a finding drawn from a phone's report (accesses or contacts). */
export function deviceEvidence(f: Finding, lang: 'en' | 'zh'): string[] {
  const L = labels(lang);
  const lines: string[] = [];
  for (const a of (f.evidence.accesses ?? []).slice(0, SHOWN)) {
    lines.push(`- ${cell(a.end ? L.t('accessInterval', { category: a.category, begin: a.begin, end: a.end }) : L.t('accessMoment', { category: a.category, begin: a.begin }))} (\`${cell(a.source)}\`)`);
  }
  for (const c of (f.evidence.contacts ?? []).slice(0, SHOWN)) {
    lines.push(`- ${cell(L.t('contactLine', { hosts: c.hosts.join(', '), hits: c.hits, first: c.first, last: c.last, initiator: L.t(`initiator_${c.initiatedBy}`) }))} (\`${cell(c.source)}\`)`);
  }
  return lines.length > 0 ? ['', `**${L.t('accessEvidence')}**`, '', ...lines] : [];
}
