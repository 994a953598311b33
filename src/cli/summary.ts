/** The few lines printed on the terminal after a report is written to a file. */
import { labels } from '../report/labels.js';
import { verdictLine, type Report } from '../report/index.js';

const MAX_LINES = 12;

export function terminalSummary(report: Report, lang: 'en' | 'zh', written?: string): string {
  const L = labels(lang);
  const lines = [`privdiff: ${report.summary.flows} flows, ${report.observations.length} observed (data type, recipient) pairs — ${verdictLine(report, lang)}`];
  const flowFindings = report.findings.filter((f) => f.kind !== 'missing_notice_element');
  const noticeFindings = report.findings.length - flowFindings.length;
  for (const f of flowFindings.slice(0, MAX_LINES)) {
    const refs = [...new Set(f.rules.map((r) => `${r.jurisdiction.toUpperCase()} ${r.ref}`))].join('; ');
    lines.push(`  [${L.severity(f.severity).padEnd(6)}] ${L.message(f)}  — ${refs}`);
  }
  if (flowFindings.length > MAX_LINES) lines.push(`  … ${flowFindings.length - MAX_LINES} more`);
  if (noticeFindings > 0) lines.push(`  + ${noticeFindings} missing notice element(s)`);
  if (written) lines.push(`report written to ${written}`);
  return `${lines.join('\n')}\n`;
}
