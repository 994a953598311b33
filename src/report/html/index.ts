/**
 * Standalone HTML report: one file, no network, printable. Untrusted text is escaped everywhere,
 * and a Content-Security-Policy allows only the inlined stylesheet and filter script (by hash).
 */
import type { Severity } from '../../model/finding.js';
import { labels, type Labels } from '../labels.js';
import { trafficReadLabels } from '../traffic-read.js';
import { verdictLine } from '../markdown.js';
import type { Formatter, Report } from '../model.js';
import { htmlAssets } from './assets.js';
import { chartSvg } from './chart.js';
import { deviceReportsSection } from './device-report.js';
import { DISCLOSURE_ORDER } from './disclosure.js';
import { esc, token } from './escape.js';
import { findingArticle, recipientLabel } from './finding.js';
import { flowGraphSvg } from './flow-graph.js';
import { pageHead } from './page-head.js';

const SEVERITIES: Severity[] = ['high', 'medium', 'low', 'info'];

function meta(report: Report, L: Labels): string {
  const rows: [string, string][] = [[L.t('policy'), `<code>${esc(report.policy.source)}</code> (${esc(report.policy.language)})`]];
  if (report.mode !== 'check') {
    rows.push([L.t('captures'), [...report.captures.map((c) => `<code>${esc(c.source)}</code> (${esc(c.format)}, ${esc(c.flows)} ${esc(L.t('flows'))})`),
      ...(report.deviceReports ?? []).map((d) => `<code>${esc(d.source)}</code> (${esc(d.format)})`)].join(', ')]);
  }
  rows.push([L.t('jurisdictions'), esc(report.jurisdictions.map((j) => j.toUpperCase()).join(', '))]);
  if (report.region) rows.push([L.t('region'), esc(report.region)]);
  if (report.firstParty && report.firstParty.length > 0) rows.push([L.t('firstParty'), report.firstParty.map((d) => `<code>${esc(d.domain)}</code> (${esc(d.reason)})`).join('; ')]);
  rows.push([L.t('generated'), `<time>${esc(report.generated)}</time>`], [L.t('tool'), `${esc(report.tool.name)} ${esc(report.tool.version)}`]);
  return `<dl class="meta">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function summary(report: Report, L: Labels, lang: 'en' | 'zh'): string {
  const sev = SEVERITIES.filter((s) => report.summary.bySeverity[s]).map(
    (s) => `<button type="button" class="chip sev-${s}" data-filter-severity="${s}" title="${esc(L.t('showSeverity', { severity: L.severity(s) }))}">` +
      `<b>${esc(report.summary.bySeverity[s] ?? 0)}</b> ${esc(L.severity(s))}</button>`,
  );
  const dis = DISCLOSURE_ORDER.filter((d) => report.summary.byDisclosure[d]).map(
    (d) => `<span class="chip d-${d}"><b>${esc(report.summary.byDisclosure[d] ?? 0)}</b> ${esc(L.disclosure(d))}</span>`,
  );
  const kinds = Object.entries(report.summary.byKind ?? {}).map(([k, n]) => `<span class="chip"><b>${esc(n ?? 0)}</b> ${esc(L.kind(k))}</span>`);
  const nothingRead = report.mode !== 'check' && report.summary.flows === 0;
  const verdictClass = nothingRead ? 'warn' : report.findings.length === 0 ? 'ok' : report.summary.bySeverity.high ? 'bad' : 'warn';
  const counts = [`<div><h3>${esc(L.t('bySeverity'))}</h3><div class="chips">${sev.join('') || esc(L.t('none'))}</div></div>`];
  if (report.mode !== 'check') {
    counts.push(`<div><h3>${esc(L.t('byKind'))}</h3><div class="chips">${kinds.join('') || esc(L.t('none'))}</div></div>`);
    counts.push(`<div><h3>${esc(L.t('byDisclosure'))}</h3><div class="chips">${dis.join('') || esc(L.t('none'))}</div></div>`);
  }
  return [
    `<section class="summary" aria-labelledby="summary-h"><h2 id="summary-h">${esc(L.t('summary'))}</h2>`,
    report.mode === 'check' ? `<p class="note">${esc(L.t('checkNote'))}</p>` : '',
    `<p class="verdict ${verdictClass}">${esc(verdictLine(report, lang))}</p>`,
    `<div class="counts">${counts.join('')}</div></section>`,
  ].join('\n');
}

function legend(L: Labels): string {
  const items = DISCLOSURE_ORDER.map((d) => `<li><span class="swatch d-${d}"></span>${esc(L.disclosure(d))}</li>`);
  return `<ul class="legend" aria-label="${esc(L.t('legend'))}">${items.join('')}</ul>`;
}

function observationsSection(report: Report, L: Labels, lang: 'en' | 'zh'): string {
  if (report.observations.length === 0) {
    return `<section class="observations"><h2>${esc(L.t('observations'))}</h2><p>${esc(L.t('noObservations'))}</p></section>`;
  }
  const numbers = new Map(report.findings.map((f, i) => [f.id, i + 1]));
  const heads = ['dataType', 'recipient', 'party', 'country', 'collectionDisclosure', 'verdictColumn', 'findingRefs', 'flowsColumn'];
  // data-label: on a narrow screen each row becomes a card whose cells carry their column's name.
  // One child per cell, so that on a card the label (::before) and the content are the grid's two columns.
  const cell = (key: string, html: string, cls = '') => `<td data-label="${esc(L.t(key))}"${cls ? ` class="${cls}"` : ''}><span>${html}</span></td>`;
  const rows = report.observations.map((o) => {
    const verdict = o.verdict ?? o.disclosure;
    const refs = (o.findings ?? []).map((id) => numbers.get(id)).filter((n): n is number => n !== undefined).sort((a, b) => a - b);
    return '<tr>' + [
      cell('dataType', esc(L.dataType(o.dataType))),
      cell('recipient', `<code>${esc(recipientLabel(o.recipient, o.hosts))}</code>`),
      cell('party', esc(L.t(o.recipient.party))),
      cell('country', esc(o.recipient.country ? L.country(o.recipient.country) : '')),
      cell('collectionDisclosure', `<span class="pill d-${esc(o.disclosure)}">${esc(L.disclosure(o.disclosure))}</span>` +
        `${o.condition ? ` <small>${esc(L.condition(o.condition))}</small>` : ''}`),
      cell('verdictColumn', `<span class="pill d-${esc(verdict)}">${esc(L.disclosure(verdict))}</span>`),
      cell('findingRefs', esc(refs.map((n) => `#${n}`).join(' '))),
      cell('flowsColumn', esc(o.flowCount), 'num'),
    ].join('') + '</tr>';
  });
  return [
    `<section class="charts"><div class="figure"><h2>${esc(L.t('chartTitle'))}</h2><p class="note">${esc(L.t('chartNote'))}</p>${legend(L)}`,
    `<div class="scroll">${chartSvg(report.observations, L)}</div></div>`,
    `<div class="figure"><h2>${esc(L.t('flowView'))}</h2><p class="note">${esc(L.t('flowViewNote'))}</p>`,
    `<div class="scroll">${flowGraphSvg(report.observations, lang, L)}</div></div></section>`,
    `<section class="observations"><h2>${esc(L.t('observations'))}</h2><table class="cards"><thead><tr>`,
    heads.map((k) => `<th>${esc(L.t(k))}</th>`).join(''),
    `</tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
  ].join('\n');
}

/** What the report could not see: no traffic read, encrypted connections left unread (per host and reason). */
function unseenSection(report: Report, L: Labels): string {
  const tls = report.tls;
  const parts: string[] = [];
  const unread = trafficReadLabels(report);
  if (unread) parts.push(`<p>${esc(L.t(unread.unseen))}</p>`);
  if (tls && tls.connections > 0) {
    if (tls.undecrypted === 0) parts.push(`<p>${esc(L.t('tlsNone'))}</p>`);
    else {
      const partial = tls.partial > 0 ? L.t('tlsPartial', { n: tls.partial }) : '';
      parts.push(`<p>${esc(L.t('tlsSummary', { undecrypted: tls.undecrypted, connections: tls.connections, partial }))}</p>`);
      const rows = tls.hosts.map((h) => `<tr><td data-label="${esc(L.t('tlsHost'))}"><span><code>${esc(h.host)}</code></span></td>` +
        `<td data-label="${esc(L.t('tlsReason'))}"><span>${esc(L.tlsReason(h.reason))}${h.detail ? ` <small>${esc(h.detail)}</small>` : ''}</span></td>` +
        `<td data-label="${esc(L.t('tlsConnections'))}" class="num"><span>${esc(h.connections)}${h.partial ? ` <small>${esc(L.t('tlsPartial', { n: h.partial }))}</small>` : ''}</span></td></tr>`);
      parts.push(`<table class="cards"><thead><tr><th>${esc(L.t('tlsHost'))}</th><th>${esc(L.t('tlsReason'))}</th><th>${esc(L.t('tlsConnections'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
      if (tls.hostCount > tls.hosts.length) parts.push(`<p class="more">${esc(L.t('tlsMoreHosts', { n: tls.hostCount - tls.hosts.length }))}</p>`);
    }
  }
  return parts.length > 0 ? `<section class="unseen"><h2>${esc(L.t('tlsTitle'))}</h2>${parts.join('')}</section>` : '';
}

function select(name: string, label: string, options: [string, string][], L: Labels): string {
  const opts = [`<option value="">${esc(L.t('all'))}</option>`, ...options.map(([v, t]) => `<option value="${esc(v)}">${esc(t)}</option>`)];
  return `<label>${esc(label)} <select name="${name}" id="filter-${name}">${opts.join('')}</select></label>`;
}

function filters(report: Report, L: Labels): string {
  const severities = SEVERITIES.filter((s) => report.findings.some((f) => f.severity === s)).map((s): [string, string] => [s, L.severity(s)]);
  const jurisdictions = [...new Set(report.findings.flatMap((f) => f.rules.map((r) => r.jurisdiction)))].map((j): [string, string] => [token(j), j.toUpperCase()]);
  const recipients = new Map<string, string>();
  for (const f of report.findings) if (f.recipient) recipients.set(f.recipient.domain, f.recipient.organization ? `${f.recipient.domain} (${f.recipient.organization})` : f.recipient.domain);
  return [
    `<form class="filters" id="filters" hidden aria-label="${esc(L.t('filters'))}">`,
    `<strong>${esc(L.t('filters'))}</strong>`,
    select('severity', L.t('filterSeverity'), severities, L),
    select('jurisdiction', L.t('filterJurisdiction'), jurisdictions, L),
    select('recipient', L.t('filterRecipient'), [...recipients.entries()], L),
    `<button type="reset">${esc(L.t('reset'))}</button>`,
    `<output id="filter-status" aria-live="polite" data-template="${esc(L.t('filterStatus', { n: '{{n}}', total: '{{total}}' }))}"></output>`,
    '</form>',
  ].join('\n');
}

export const html: Formatter = (report, { lang }) => {
  const L = labels(lang);
  const { css, js, csp } = htmlAssets();
  const check = report.mode === 'check';
  const title = L.t(check ? 'title_check' : 'title');
  const findings = report.findings.map((f, i) => findingArticle(f, i + 1, L));
  return [
    ...pageHead({ lang, csp, title: `${title} — ${report.policy.source}`, styles: [css] }),
    '<body>',
    `<header class="page-head"><h1>${esc(title)}</h1>${meta(report, L)}</header>`,
    '<main>',
    report.revealed ? `<p class="warning">${esc(L.t('revealedWarning'))}</p>` : '',
    summary(report, L, lang),
    report.errors.length > 0 ? `<section class="errors"><h2>${esc(L.t('errors'))}</h2><ul>${report.errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></section>` : '',
    check ? '' : unseenSection(report, L),
    check ? '' : observationsSection(report, L, lang),
    check ? '' : deviceReportsSection(report.deviceReports, L),
    `<section class="findings" aria-labelledby="findings-h"><h2 id="findings-h">${esc(L.t('findings'))}</h2>`,
    report.findings.length > 0 ? filters(report, L) : `<p>${esc(L.t('noFindings'))}</p>`,
    ...findings,
    '</section>',
    '</main>',
    report.revealed || check ? '' : `<footer><p>${esc(L.t('masked'))}</p></footer>`,
    `<script>${js}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};
