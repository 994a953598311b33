/**
 * `privdiff study report DIR`: one standalone page over a whole study, in the app report's style
 * (its stylesheet, escaping, labels for data types, severities and disclosure classes). Plots are
 * inline SVG; every table sits in a horizontally scrolling box so a phone shows the page whole.
 */
import type { Severity } from '../../model/finding.js';
import { esc } from '../../report/html/escape.js';
import { labels } from '../../report/labels.js';
import { toolVersion } from '../../report/version.js';
import { readDataFile } from '../../vocab/data-file.js';
import { appsByVerdict, findingsBySeverity, findingsPerRule, partlyReadApps, recipientsAcrossApps, SEVERITIES, undisclosedPractices, VERDICTS, type AppVerdict } from './aggregate.js';
import { studyAssets } from './assets.js';
import type { StudyAppRow, StudyData } from './read-study.js';
import { barChart } from './svg-bars.js';
import { pageHead } from '../../report/html/page-head.js';

type Lang = 'en' | 'zh';
type Texts = Record<Lang, Record<string, string>>;

let texts: Texts | undefined;

function studyLabels(lang: Lang) {
  texts ??= readDataFile<Texts>('data', 'study-labels.json');
  const table = texts[lang];
  return (key: string, values: Record<string, string | number> = {}): string =>
    (table[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** Rows shown in the long tables before the rest is summarised (the CSV export has everything). */
const TOP = 25;

function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  const head = headers.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`).join('');
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

export function studyHtml(data: StudyData, options: { lang: Lang; generated?: string }): string {
  const { lang } = options;
  const T = studyLabels(lang);
  const L = labels(lang);
  const { styles, csp } = studyAssets();
  const verdictName = (v: AppVerdict) => (v === 'none' ? T('none') : v === 'failed' ? T('failed') : v === 'not_run' ? T('notRun') : L.severity(v));
  const kindName = (k: string) => T(`kind.${k}`);
  const done = data.apps.filter((a) => a.status === 'done').length;
  const failed = data.apps.filter((a) => a.status === 'failed');
  const bySeverity = findingsBySeverity(data);
  const byVerdict = appsByVerdict(data);
  const recipients = recipientsAcrossApps(data);
  const practices = undisclosedPractices(data);
  const rules = findingsPerRule(data);
  const partly = partlyReadApps(data);
  const verdictClass = bySeverity.high > 0 || failed.length > 0 ? 'bad' : data.findings.length > 0 ? 'warn' : 'ok';

  const summary = [
    `<section class="summary" aria-labelledby="summary-h"><h2 id="summary-h">${esc(T('summary'))}</h2>`,
    `<p class="verdict ${verdictClass}">${esc(T('verdict', { apps: data.apps.length, done, failed: failed.length, findings: data.findings.length }))}</p>`,
    `<div class="counts"><div><h3>${esc(T('findingsBySeverity'))}</h3><div class="chips">`,
    SEVERITIES.map((s: Severity) => `<span class="chip sev-${s}"><b>${bySeverity[s]}</b> ${esc(L.severity(s))}</span>`).join(''),
    '</div></div></div></section>',
  ].join('\n');

  const verdictBars = VERDICTS.filter((v) => v !== 'not_run' || byVerdict.not_run > 0).map((v) => ({
    label: verdictName(v), parts: [{ value: byVerdict[v], className: `sev-${v}`, title: `${verdictName(v)}: ${byVerdict[v]} ${T('apps')}` }],
  }));
  const worstFigure = `<section class="figure" aria-labelledby="worst-h"><h2 id="worst-h">${esc(T('appsByWorst'))}</h2><p class="note">${esc(T('appsByWorstNote'))}</p>` +
    `<div class="scroll">${barChart('worst', T('appsByWorst'), verdictBars)}</div></section>`;

  const topRecipients = recipients.slice(0, 15);
  const recipientBars = topRecipients.map((r) => ({
    label: r.name,
    parts: [
      { value: r.undisclosedApps, className: 'undisclosed', title: `${r.name}: ${r.undisclosedApps} ${T('undisclosedApps')}` },
      { value: r.apps - r.undisclosedApps, className: 'disclosed', title: `${r.name}: ${r.apps - r.undisclosedApps} ${T('disclosedApps')}` },
    ],
  }));
  const recipientRows = recipients.slice(0, TOP).map((r) => [
    esc(r.name), esc(T(r.party)), esc(r.countries.join(', ')), String(r.apps), String(r.undisclosedApps),
    esc(r.dataTypes.map((d) => L.dataType(d)).join(', ')),
  ]);
  const recipientsSection = `<section class="figure" aria-labelledby="recipients-h"><h2 id="recipients-h">${esc(T('recipientsTitle'))}</h2><p class="note">${esc(T('recipientsNote'))}</p>` +
    (recipients.length === 0 ? `<p>${esc(T('nothing'))}</p>` :
      `<ul class="legend"><li><span class="swatch d-omitted"></span>${esc(T('undisclosedApps'))}</li><li><span class="swatch d-clear"></span>${esc(T('disclosedApps'))}</li></ul>` +
      `<div class="scroll">${barChart('recipients', T('recipientsTitle'), recipientBars)}</div>` +
      table([T('organization'), T('party'), T('countries'), T('appCount'), T('undisclosedIn'), T('dataTypes')], recipientRows, [3, 4])) +
    '</section>';

  const practiceRows = practices.slice(0, TOP).map((p) => [esc(kindName(p.kind)), esc(L.dataType(p.dataType)), String(p.apps), esc(p.recipients.slice(0, 6).join(', ') + (p.recipients.length > 6 ? ', …' : ''))]);
  const practicesSection = `<section aria-labelledby="practices-h"><h2 id="practices-h">${esc(T('practicesTitle'))}</h2><p class="note">${esc(T('practicesNote'))}</p>` +
    (practices.length === 0 ? `<p>${esc(T('nothing'))}</p>` : table([T('kind'), T('dataType'), T('appCount'), T('recipients')], practiceRows, [2])) + '</section>';

  const ruleRows = rules.map((r) => [esc(r.jurisdiction.toUpperCase()), `<code>${esc(r.rule)}</code>`, esc(r.ref), String(r.findings), String(r.apps)]);
  const rulesSection = `<section aria-labelledby="rules-h"><h2 id="rules-h">${esc(T('rulesTitle'))}</h2>` +
    (rules.length === 0 ? `<p>${esc(T('nothing'))}</p>` : table([T('jurisdiction'), T('rule'), T('ref'), T('findings'), T('appCount')], ruleRows, [3, 4])) + '</section>';

  const appLink = (a: StudyAppRow) => (a.reportHtml ? `<a href="${esc(a.reportHtml)}">${esc(a.id)}</a>` : esc(a.id));
  const partlyRows = partly.map((a) => [appLink(a), String(a.flows), String(a.encryptedFlows), String(a.partlyDecryptedFlows),
    a.unreadable.length === 0 ? '' : `<ul class="plain">${a.unreadable.slice(0, 3).map((u) => `<li>${esc(u)}</li>`).join('')}${a.unreadable.length > 3 ? '<li>…</li>' : ''}</ul>`]);
  const partlySection = `<section aria-labelledby="traffic-h"><h2 id="traffic-h">${esc(T('trafficTitle'))}</h2><p class="note">${esc(T('trafficNote'))}</p>` +
    (partly.length === 0 ? `<p>${esc(T('nothing'))}</p>` : table([T('app'), T('flows'), T('encrypted'), T('partly'), T('unreadable')], partlyRows, [1, 2, 3])) + '</section>';

  const failedSection = failed.length === 0 ? '' : `<section aria-labelledby="failed-h"><h2 id="failed-h">${esc(T('failedTitle'))}</h2>` +
    table([T('app'), T('error')], failed.map((a) => [esc(a.id), `<span class="error">${esc(a.error ?? '')}</span>`])) + '</section>';

  const labelText = (a: StudyAppRow) => Object.entries(a.labels).map(([k, v]) => `${k}: ${v}`).join(' · ');
  const statusCell = (a: StudyAppRow) => {
    const v = VERDICTS.includes(a.status as AppVerdict) && a.status !== 'done' ? a.status as AppVerdict : undefined;
    return v ? `<span class="pill sev-info">${esc(verdictName(v))}</span>` : esc(T('done'));
  };
  const appRows = data.apps.map((a) => [
    `${appLink(a)}${labelText(a) ? `<div class="labels">${esc(labelText(a))}</div>` : ''}`, statusCell(a), String(a.flows),
    ...SEVERITIES.map((s) => String(a.bySeverity[s])),
  ]);
  const appsSection = `<section aria-labelledby="apps-h"><h2 id="apps-h">${esc(T('appsTitle'))}</h2>` +
    table([T('app'), T('status'), T('flows'), ...SEVERITIES.map((s) => L.severity(s))], appRows, [2, 3, 4, 5, 6]) + '</section>';

  const generated = options.generated ?? new Date().toISOString();
  return [
    ...pageHead({ lang, csp, title: `${T('title')} — ${data.dir}`, styles }),
    '<body>',
    `<header class="page-head"><h1>${esc(T('title'))}</h1><dl class="meta">`,
    `<dt>${esc(T('study'))}</dt><dd><code>${esc(data.dir)}</code></dd><dt>${esc(T('apps'))}</dt><dd>${data.apps.length}</dd>`,
    `<dt>${esc(T('generated'))}</dt><dd><time>${esc(generated)}</time></dd><dt>${esc(T('tool'))}</dt><dd>privdiff ${esc(toolVersion())}</dd></dl></header>`,
    '<main>',
    summary,
    worstFigure,
    recipientsSection,
    practicesSection,
    rulesSection,
    partlySection,
    failedSection,
    appsSection,
    '</main>',
    `<footer><p>${esc(T('masked'))}</p></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
