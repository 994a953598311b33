/**
 * The few lines printed on the terminal after a report is written to a file: the verdict, the most
 * severe findings of every kind (severity first, so a medium notice finding is never hidden behind
 * low ones), and what could not be seen. All text is in the report's language, and every piece of
 * it is passed through `visible`: a captured host cannot move the cursor, set the title or fake a line.
 */
import { labels } from '../report/labels.js';
import { verdictLine, type Report } from '../report/index.js';
import { displayWidth, padDisplay, visible } from '../report/text-safety.js';
import type { Severity } from '../model/finding.js';

const MAX_LINES = 12;
const TLS_HOSTS_SHOWN = 3;
const SEVERITY_ORDER: Severity[] = ['high', 'medium', 'low', 'info'];

export function terminalSummary(report: Report, lang: 'en' | 'zh', written?: string): string {
  const L = labels(lang);
  const verdict = verdictLine(report, lang);
  const lines = [report.mode === 'check'
    ? L.t('terminalHeadCheck', { verdict })
    : L.t('terminalHead', { flows: report.summary.flows, pairs: report.observations.length, verdict })];
  const width = Math.max(...SEVERITY_ORDER.map((s) => displayWidth(L.severity(s))));
  const ordered = [...report.findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  for (const f of ordered.slice(0, MAX_LINES)) {
    const refs = [...new Set(f.rules.map((r) => `${r.jurisdiction.toUpperCase()} ${r.ref}`))].join('; ');
    lines.push(`  [${padDisplay(L.severity(f.severity), width)}] ${L.message(f)}  — ${refs}`);
  }
  if (ordered.length > MAX_LINES) lines.push(`  ${L.t('terminalMore', { n: ordered.length - MAX_LINES })}`);
  const tls = report.tls;
  if (tls && tls.undecrypted > 0) {
    const reasons = Object.entries(tls.byReason).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0)).map(([r, n]) => `${L.tlsReason(r)}: ${n}`).join(', ');
    const hosts = tls.hosts.slice(0, TLS_HOSTS_SHOWN).map((h) => `${h.host} (${h.connections})`);
    if (tls.hostCount > TLS_HOSTS_SHOWN) hosts.push('…');
    lines.push(`  ${L.t('terminalTls', { undecrypted: tls.undecrypted, connections: tls.connections, reasons, hosts: hosts.join(', ') })}`);
  }
  if (written) lines.push(L.t('reportWritten', { file: written }));
  return `${lines.map((line) => visible(line)).join('\n')}\n`;
}
