/**
 * Markdown for phones' privacy reports: what the app used and contacted, and the report side of a
 * finding's evidence. App names, hosts and owners come from the report file: all escaped (mdText, mdCode).
 */
import type { ContactObservation, DeviceReportSection } from '../model/device-report.js';
import type { Finding } from '../model/finding.js';
import { labels, type Labels } from './labels.js';
import { mdCode, mdLine, mdText } from './markdown-escape.js';

const SHOWN = 5;

function recipientName(o: ContactObservation): string {
  return o.recipient.organization ?? o.reportedOwner ?? o.recipient.domain;
}

function section(s: DeviceReportSection, L: Labels): string[] {
  const app = s.app.name ? `${s.app.name} (${s.app.id})` : s.app.id;
  const out = [`### ${mdText(app)} — ${mdCode(s.source)}`, '', mdLine(L.t('phoneReportNote', { app })), ''];
  out.push(`#### ${mdText(L.t('accessesTitle'))}`, '');
  if (s.accesses.length === 0) out.push(mdLine(L.t('noAccesses')), '');
  else {
    out.push(`| ${mdText(L.t('dataType'))} | ${mdText(L.t('accesses'))} | ${mdText(L.t('disclosure'))} |`, '|---|---|---|');
    for (const a of s.accesses) out.push(`| ${mdText(L.dataType(a.dataType))} | ${a.accesses} | ${mdText(L.disclosure(a.disclosure))} |`);
    out.push('');
  }
  out.push(`#### ${mdText(L.t('contactsTitle'))}`, '');
  if (s.contacts.length === 0) out.push(mdLine(L.t('noContacts')), '');
  else {
    const head = ['recipient', 'hosts', 'party', 'initiatedBy', 'hits', 'disclosure'];
    out.push(`| ${head.map((k) => mdText(L.t(k))).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    // The app's own requests first, then those of content it loaded: two different responsibilities.
    const order = { app: 0, unknown: 1, content: 2 } as const;
    for (const c of [...s.contacts].sort((a, b) => order[a.initiatedBy] - order[b.initiatedBy])) {
      out.push(`| ${mdText(recipientName(c))} | ${mdText(c.hosts.join(', '))} | ${mdText(L.t(c.recipient.party))} | ${mdText(L.t(`initiator_${c.initiatedBy}`))} | ${c.hits} | ${mdText(L.disclosure(c.disclosure))} |`);
    }
    out.push('');
  }
  return out;
}

export function deviceReportSections(sections: readonly DeviceReportSection[] | undefined, lang: 'en' | 'zh'): string[] {
  if (!sections || sections.length === 0) return [];
  const L = labels(lang);
  return [`## ${mdText(L.t('phoneReports'))}`, '', ...sections.flatMap((s) => section(s, L))];
}

/** The report side of a finding drawn from a phone's report (accesses or contacts). */
export function deviceEvidence(f: Finding, lang: 'en' | 'zh'): string[] {
  const L = labels(lang);
  const lines: string[] = [];
  for (const a of (f.evidence.accesses ?? []).slice(0, SHOWN)) {
    const text = a.end ? L.t('accessInterval', { category: a.category, begin: a.begin, end: a.end }) : L.t('accessMoment', { category: a.category, begin: a.begin });
    lines.push(`- ${mdText(text)} (${mdCode(a.source)})`);
  }
  for (const c of (f.evidence.contacts ?? []).slice(0, SHOWN)) {
    const text = L.t('contactLine', { hosts: c.hosts.join(', '), hits: c.hits, first: c.first, last: c.last, initiator: L.t(`initiator_${c.initiatedBy}`) });
    lines.push(`- ${mdText(text)} (${mdCode(c.source)})`);
  }
  return lines.length > 0 ? ['', `**${mdText(L.t('accessEvidence'))}**`, '', ...lines] : [];
}
