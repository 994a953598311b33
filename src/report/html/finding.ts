/** One finding as an HTML article: facts, policy sentences beside the requests, legal references. */
import type { Finding } from '../../model/finding.js';
import type { Recipient } from '../../model/flow.js';
import type { labels } from '../labels.js';
import { deviceEvidenceSide } from './device-report.js';
import { esc, token } from './escape.js';

type Labels = ReturnType<typeof labels>;

const MAX_SHOWN = 5;

export function recipientLabel(r: Recipient): string {
  return r.organization ? `${r.host} (${r.organization})` : r.host;
}

function facts(f: Finding, L: Labels): string {
  const rows: [string, string][] = [];
  if (f.dataType) rows.push([L.t('dataType'), esc(L.dataType(f.dataType))]);
  if (f.recipient) {
    const r = f.recipient;
    const where = [L.t(r.party), r.country].filter(Boolean).join(', ');
    rows.push([L.t('recipient'), `<code>${esc(recipientLabel(r))}</code> — ${esc(where)}`]);
  }
  if (f.disclosure) rows.push([L.t('disclosure'), `<span class="pill d-${esc(f.disclosure)}">${esc(L.disclosure(f.disclosure))}</span>`]);
  if (f.element) rows.push([L.t('element'), esc(L.element(f.element))]);
  rows.push([L.t('findingId'), `<code>${esc(f.id)}</code>`]);
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function policySide(f: Finding, L: Labels): string {
  const quotes = f.evidence.policy.slice(0, MAX_SHOWN).map(
    (p) => `<blockquote><p>${esc(p.text)}</p><cite>${esc(p.location)}</cite></blockquote>`,
  );
  const body = quotes.length > 0 ? quotes.join('') : `<p class="none">${esc(L.t('noPolicyText'))}</p>`;
  return `<section class="side policy-side"><h4>${esc(L.t('policyEvidence'))}</h4>${body}</section>`;
}

function trafficSide(f: Finding, L: Labels): string {
  const items = f.evidence.flows.slice(0, MAX_SHOWN).map((e) => {
    const value = e.value === undefined ? '' :
      `<div class="value"><span>${esc(L.t('value'))}</span> <code>${esc(e.value)}</code>` +
      `${e.where ? ` <span>${esc(L.t('where'))}</span> <code>${esc(e.where)}</code>` : ''}` +
      `${e.encoding ? ` <span>${esc(L.t('encoding'))}</span> <code>${esc(e.encoding)}</code>` : ''}</div>`;
    return `<li><div class="req"><span class="idx">#${esc(e.index)}</span> <time>${esc(e.time)}</time>` +
      `${e.method ? ` <b class="method">${esc(e.method)}</b>` : ''}</div>` +
      `<code class="url">${esc(e.url ?? e.host)}</code>${value}</li>`;
  });
  const more = f.evidence.flows.length > MAX_SHOWN ? `<p class="more">${esc(L.t('more', { n: f.evidence.flows.length - MAX_SHOWN }))}</p>` : '';
  return `<section class="side traffic-side"><h4>${esc(L.t('flowEvidence'))}</h4><ol class="requests">${items.join('')}</ol>${more}</section>`;
}

function rules(f: Finding, L: Labels, lang: 'en' | 'zh'): string {
  const items = f.rules.map(
    (r) => `<li><b>${esc(r.jurisdiction.toUpperCase())} ${esc(r.ref)}</b> — ${esc(lang === 'zh' ? r.titleZh : r.title)} ` +
      `<span class="pill sev-${esc(r.severity)}">${esc(L.severity(r.severity))}</span> <code class="rule-id">${esc(r.rule)}</code></li>`,
  );
  return `<section class="rules"><h4>${esc(L.t('legalRefs'))}</h4><ul>${items.join('')}</ul></section>`;
}

export function findingArticle(f: Finding, n: number, L: Labels, lang: 'en' | 'zh'): string {
  const jurisdictions = [...new Set(f.rules.map((r) => token(r.jurisdiction)))].join(' ');
  const phone = deviceEvidenceSide(f, L);
  const evidence = f.evidence.flows.length > 0
    ? `<div class="evidence">${policySide(f, L)}${trafficSide(f, L)}</div>`
    : phone ? `<div class="evidence">${policySide(f, L)}${phone}</div>` : `<div class="evidence single">${policySide(f, L)}</div>`;
  return [
    `<article class="finding sev-${esc(f.severity)}" data-severity="${esc(f.severity)}" data-jurisdictions="${esc(jurisdictions)}" data-recipient="${esc(f.recipient?.domain ?? '')}">`,
    `<header><span class="badge sev-${esc(f.severity)}">${esc(L.severity(f.severity))}</span><h3>${n}. ${esc(L.message(f))}</h3></header>`,
    facts(f, L),
    evidence,
    rules(f, L, lang),
    '</article>',
  ].join('\n');
}
