/**
 * Standalone HTML report: one file, no network, printable. Untrusted text is escaped everywhere,
 * and a Content-Security-Policy allows only the inlined stylesheet and filter script (by hash).
 */
import type { Severity } from '../../model/finding.js';
import { labels } from '../labels.js';
import { verdictLine } from '../markdown.js';
import type { Formatter, Report } from '../model.js';
import { htmlAssets } from './assets.js';
import { chartSvg } from './chart.js';
import { deviceReportsSection } from './device-report.js';
import { DISCLOSURE_ORDER } from './disclosure.js';
import { esc, token } from './escape.js';
import { findingArticle, recipientLabel } from './finding.js';
import { flowGraphSvg } from './flow-graph.js';

type Labels = ReturnType<typeof labels>;

const SEVERITIES: Severity[] = ['high', 'medium', 'low', 'info'];

function meta(report: Report, L: Labels): string {
  const rows: [string, string][] = [
    [L.t('policy'), `<code>${esc(report.policy.source)}</code> (${esc(report.policy.language)})`],
    [L.t('captures'), [...report.captures.map((c) => `<code>${esc(c.source)}</code> (${esc(c.format)}, ${esc(c.flows)} ${esc(L.t('flows'))})`),
      ...(report.deviceReports ?? []).map((d) => `<code>${esc(d.source)}</code> (${esc(d.format)})`)].join(', ')],
    [L.t('jurisdictions'), esc(report.jurisdictions.map((j) => j.toUpperCase()).join(', '))],
  ];
  if (report.region) rows.push([L.t('region'), esc(report.region)]);
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
  const verdictClass = report.findings.length === 0 ? 'ok' : report.summary.bySeverity.high ? 'bad' : 'warn';
  return [
    `<section class="summary" aria-labelledby="summary-h"><h2 id="summary-h">${esc(L.t('summary'))}</h2>`,
    `<p class="verdict ${verdictClass}">${esc(verdictLine(report, lang))}</p>`,
    '<div class="counts">',
    `<div><h3>${esc(L.t('bySeverity'))}</h3><div class="chips">${sev.join('') || esc(L.t('none'))}</div></div>`,
    `<div><h3>${esc(L.t('byDisclosure'))}</h3><div class="chips">${dis.join('') || esc(L.t('none'))}</div></div>`,
    '</div></section>',
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
  const rows = report.observations.map((o) =>
    `<tr><td>${esc(L.dataType(o.dataType))}</td><td><code>${esc(recipientLabel(o.recipient))}</code></td><td>${esc(L.t(o.recipient.party))}</td>` +
    `<td>${esc(o.recipient.country ?? '')}</td><td><span class="pill d-${esc(o.disclosure)}">${esc(L.disclosure(o.disclosure))}</span>` +
    `${o.condition ? ` <small>${esc(L.t('condition'))}: ${esc(o.condition)}</small>` : ''}</td><td class="num">${esc(o.flowCount)}</td></tr>`);
  return [
    `<section class="charts"><div class="figure"><h2>${esc(L.t('chartTitle'))}</h2><p class="note">${esc(L.t('chartNote'))}</p>${legend(L)}`,
    `<div class="scroll">${chartSvg(report.observations, L)}</div></div>`,
    `<div class="figure"><h2>${esc(L.t('flowView'))}</h2><p class="note">${esc(L.t('flowViewNote'))}</p>`,
    `<div class="scroll">${flowGraphSvg(report.observations, lang, L)}</div></div></section>`,
    `<section class="observations"><h2>${esc(L.t('observations'))}</h2><table><thead><tr>`,
    ['dataType', 'recipient', 'party', 'country', 'disclosure', 'flows'].map((k) => `<th>${esc(L.t(k))}</th>`).join(''),
    `</tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
  ].join('\n');
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
  const findings = report.findings.map((f, i) => findingArticle(f, i + 1, L, lang));
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(L.t('title'))} — ${esc(report.policy.source)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    `<header class="page-head"><h1>${esc(L.t('title'))}</h1>${meta(report, L)}</header>`,
    '<main>',
    report.revealed ? `<p class="warning">${esc(L.t('revealedWarning'))}</p>` : '',
    summary(report, L, lang),
    report.errors.length > 0 ? `<section class="errors"><h2>${esc(L.t('errors'))}</h2><ul>${report.errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></section>` : '',
    observationsSection(report, L, lang),
    deviceReportsSection(report.deviceReports, L),
    `<section class="findings" aria-labelledby="findings-h"><h2 id="findings-h">${esc(L.t('findings'))}</h2>`,
    report.findings.length > 0 ? filters(report, L) : `<p>${esc(L.t('noFindings'))}</p>`,
    ...findings,
    '</section>',
    '</main>',
    report.revealed ? '' : `<footer><p>${esc(L.t('masked'))}</p></footer>`,
    `<script>${js}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};
