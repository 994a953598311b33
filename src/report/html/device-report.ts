/** HTML for phones' privacy reports: what the app used and contacted, and the report side of a finding's evidence. */
import type { DeviceReportSection } from '../../model/device-report.js';
import type { Finding } from '../../model/finding.js';
import type { labels } from '../labels.js';
import { esc } from './escape.js';

type Labels = ReturnType<typeof labels>;

const SHOWN = 5;
const INITIATOR_ORDER = { app: 0, unknown: 1, content: 2 } as const;

function accessesTable(s: DeviceReportSection, L: Labels): string {
  if (s.accesses.length === 0) return `<p>${esc(L.t('noAccesses'))}</p>`;
  const rows = s.accesses.map((a) => `<tr><td>${esc(L.dataType(a.dataType))}</td><td class="num">${esc(a.accesses)}</td>` +
    `<td><span class="pill d-${esc(a.disclosure)}">${esc(L.disclosure(a.disclosure))}</span></td></tr>`);
  return `<div class="scroll"><table><thead><tr><th>${esc(L.t('dataType'))}</th><th>${esc(L.t('accesses'))}</th><th>${esc(L.t('disclosure'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function contactsTable(s: DeviceReportSection, L: Labels): string {
  if (s.contacts.length === 0) return `<p>${esc(L.t('noContacts'))}</p>`;
  // The app's own requests first, then those of content it loaded: two different responsibilities.
  const sorted = [...s.contacts].sort((a, b) => INITIATOR_ORDER[a.initiatedBy] - INITIATOR_ORDER[b.initiatedBy]);
  const rows = sorted.map((c) => `<tr class="init-${esc(c.initiatedBy)}"><td>${esc(c.recipient.organization ?? c.reportedOwner ?? c.recipient.domain)}</td>` +
    `<td><code>${esc(c.hosts.join(', '))}</code></td><td>${esc(L.t(c.recipient.party))}</td><td>${esc(L.t(`initiator_${c.initiatedBy}`))}</td>` +
    `<td class="num">${esc(c.hits)}</td><td><span class="pill d-${esc(c.disclosure)}">${esc(L.disclosure(c.disclosure))}</span></td></tr>`);
  const head = ['recipient', 'hosts', 'party', 'initiatedBy', 'hits', 'disclosure'].map((k) => `<th>${esc(L.t(k))}</th>`).join('');
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

export function deviceReportsSection(sections: readonly DeviceReportSection[] | undefined, L: Labels): string {
  if (!sections || sections.length === 0) return '';
  const parts = sections.map((s) => {
    const app = s.app.name ? `${s.app.name} (${s.app.id})` : s.app.id;
    return `<div class="device-report"><h3>${esc(app)} — <code>${esc(s.source)}</code></h3><p class="note">${esc(L.t('phoneReportNote', { app }))}</p>` +
      `<h4>${esc(L.t('accessesTitle'))}</h4>${accessesTable(s, L)}<h4>${esc(L.t('contactsTitle'))}</h4>${contactsTable(s, L)}</div>`;
  });
  return `<section class="device-reports"><h2>${esc(L.t('phoneReports'))}</h2>${parts.join('')}</section>`;
}

/** The report side of a finding drawn from a phone's report; '' when it has none. */
export function deviceEvidenceSide(f: Finding, L: Labels): string {
  const items = [
    ...(f.evidence.accesses ?? []).slice(0, SHOWN).map((a) => `<li>${esc(a.end ? L.t('accessInterval', { category: a.category, begin: a.begin, end: a.end }) : L.t('accessMoment', { category: a.category, begin: a.begin }))}</li>`),
    ...(f.evidence.contacts ?? []).slice(0, SHOWN).map((c) => `<li>${esc(L.t('contactLine', { hosts: c.hosts.join(', '), hits: c.hits, first: c.first, last: c.last, initiator: L.t(`initiator_${c.initiatedBy}`) }))}` +
      `${c.reportedOwner ? ` <small>${esc(L.t('reportedOwner'))}: ${esc(c.reportedOwner)}</small>` : ''}</li>`),
  ];
  if (items.length === 0) return '';
  return `<section class="side traffic-side"><h4>${esc(L.t('accessEvidence'))}</h4><ul class="requests">${items.join('')}</ul></section>`;
}
