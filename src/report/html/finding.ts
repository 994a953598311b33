/** One finding as an HTML article: facts, policy sentences beside the requests (per data type and host), legal references. */
import type { Finding, FindingItem, FlowEvidence } from '../../model/finding.js';
import type { Recipient } from '../../model/flow.js';
import { recipientName } from '../../judge/index.js';
import { evidencePlace } from '../evidence-place.js';
import type { Labels } from '../labels.js';
import { ruleText } from '../markdown.js';
import { deviceEvidenceSide } from './device-report.js';
import { esc, token } from './escape.js';

const MAX_SHOWN = 5;
const POLICY_SHOWN = 3;
const FLOWS_PER_ITEM = 3;
const ITEMS_SHOWN = 12;
/** Items shown open; the others stay one line each until the reader opens them (no script needed). */
const ITEMS_OPEN = 2;

export function recipientLabel(r: Recipient, hosts?: string[]): string {
  return recipientName(r, hosts ?? [r.host]);
}

function facts(f: Finding, L: Labels): string {
  const rows: [string, string][] = [];
  const dataTypes = f.dataTypes ?? (f.dataType ? [f.dataType] : []);
  if (dataTypes.length > 0) rows.push([L.t(dataTypes.length > 1 ? 'dataTypes' : 'dataType'), esc(dataTypes.map((d) => L.dataType(d)).join(L.lang === 'zh' ? '、' : ', '))]);
  if (f.recipient) {
    const r = f.recipient;
    const where = [L.t(r.party), ...(f.countries ?? (r.country ? [r.country] : [])).map((c) => L.country(c))].join(L.lang === 'zh' ? '，' : ', ');
    rows.push([L.t('recipient'), `<code>${esc(recipientLabel(r, f.hosts))}</code> — ${esc(where)}`]);
  }
  if (f.disclosure) rows.push([L.t('disclosure'), `<span class="pill d-${esc(f.disclosure)}">${esc(L.disclosure(f.disclosure))}</span>`]);
  if (f.element) rows.push([L.t('element'), esc(L.element(f.element))]);
  rows.push([L.t('findingId'), `<code>${esc(f.id)}</code>`]);
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function policySide(f: Finding, L: Labels): string {
  const quotes = f.evidence.policy.slice(0, POLICY_SHOWN).map(
    (p) => `<blockquote><p>${esc(p.text)}</p><cite>${esc(evidencePlace(p))}</cite></blockquote>`,
  );
  const more = f.evidence.policy.length > POLICY_SHOWN ? `<p class="more">${esc(L.t('more', { n: f.evidence.policy.length - POLICY_SHOWN }))}</p>` : '';
  const body = quotes.length > 0 ? quotes.join('') + more : `<p class="none">${esc(L.noPolicyText(f.kind))}</p>`;
  return `<section class="side policy-side"><h4>${esc(L.t('policyEvidence'))}</h4>${body}</section>`;
}

function request(e: FlowEvidence, L: Labels): string {
  const value = e.value === undefined ? '' :
    `<div class="value"><span>${esc(L.t('value'))}</span> <code>${esc(e.value)}</code>` +
    `${e.where ? ` <span>${esc(L.t('where'))}</span> <code>${esc(e.where)}</code>` : ''}` +
    `${e.encoding ? ` <span>${esc(L.t('encoding'))}</span> ${esc(L.encoding(e.encoding))}` : ''}</div>`;
  return `<li><div class="req"><span class="idx">#${esc(e.index)}</span> <time>${esc(e.time)}</time>` +
    `${e.method ? ` <b class="method">${esc(e.method)}</b>` : ''}</div>` +
    `<code class="url">${esc(e.url ?? e.host)}</code>${value}</li>`;
}

function itemBlock(item: FindingItem, L: Labels, open: boolean): string {
  const more = item.flows.length > FLOWS_PER_ITEM ? `<p class="more">${esc(L.t('more', { n: item.flows.length - FLOWS_PER_ITEM }))}</p>` : '';
  return `<details class="item"${open ? ' open' : ''}><summary>${esc(L.dataType(item.dataType))} → <code>${esc(recipientLabel(item.recipient, item.hosts))}</code></summary>` +
    `<ol class="requests">${item.flows.slice(0, FLOWS_PER_ITEM).map((e) => request(e, L)).join('')}</ol>${more}</details>`;
}

function trafficSide(f: Finding, L: Labels): string {
  const items = f.items ?? [];
  let body: string;
  if (items.length > 0) {
    const more = items.length > ITEMS_SHOWN ? `<p class="more">${esc(L.t('more', { n: items.length - ITEMS_SHOWN }))}</p>` : '';
    body = items.slice(0, ITEMS_SHOWN).map((item, i) => itemBlock(item, L, i < ITEMS_OPEN)).join('') + more;
  } else {
    const more = f.evidence.flows.length > MAX_SHOWN ? `<p class="more">${esc(L.t('more', { n: f.evidence.flows.length - MAX_SHOWN }))}</p>` : '';
    body = `<ol class="requests">${f.evidence.flows.slice(0, MAX_SHOWN).map((e) => request(e, L)).join('')}</ol>${more}`;
  }
  return `<section class="side traffic-side"><h4>${esc(L.t('flowEvidence'))}</h4>${body}</section>`;
}

function rules(f: Finding, L: Labels): string {
  const items = f.rules.map(
    (r) => `<li>${esc(ruleText(r, L))} ` +
      `<span class="pill sev-${esc(r.severity)}">${esc(L.severity(r.severity))}</span> <code class="rule-id">${esc(r.rule)}</code></li>`,
  );
  return `<section class="rules"><h4>${esc(L.t('legalRefs'))}</h4><ul>${items.join('')}</ul></section>`;
}

export function findingArticle(f: Finding, n: number, L: Labels): string {
  const jurisdictions = [...new Set(f.rules.map((r) => token(r.jurisdiction)))].join(' ');
  const phone = deviceEvidenceSide(f, L);
  const evidence = f.evidence.flows.length > 0
    ? `<div class="evidence">${policySide(f, L)}${trafficSide(f, L)}</div>`
    : phone ? `<div class="evidence">${policySide(f, L)}${phone}</div>` : `<div class="evidence single">${policySide(f, L)}</div>`;
  return [
    `<article id="finding-${n}" class="finding sev-${esc(f.severity)}" data-severity="${esc(f.severity)}" data-jurisdictions="${esc(jurisdictions)}" data-recipient="${esc(f.recipient?.domain ?? '')}">`,
    `<header><span class="badge sev-${esc(f.severity)}">${esc(L.severity(f.severity))}</span><h3>${n}. ${esc(L.message(f))}</h3></header>`,
    facts(f, L),
    evidence,
    rules(f, L),
    '</article>',
  ].join('\n');
}
