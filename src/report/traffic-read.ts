/**
 * What a report read, for the lines that say so: traffic (flows from captures), or only a phone's
 * privacy report, which shows what the app used and contacted but never which data it sent.
 */
import type { Report } from './model.js';

export type TrafficRead = 'flows' | 'phone-report-only' | 'nothing';

export function trafficRead(report: Report): TrafficRead {
  if (report.summary.flows > 0) return 'flows';
  return (report.deviceReports ?? []).length > 0 ? 'phone-report-only' : 'nothing';
}

/** The label keys of the verdict and of the "what could not be seen" line for what was read. */
export function trafficReadLabels(report: Report): { verdict: string; unseen: string } | undefined {
  switch (trafficRead(report)) {
    case 'flows': return undefined;
    case 'phone-report-only': return { verdict: 'verdict_report_only', unseen: 'noFlowsReportOnly' };
    case 'nothing': return { verdict: 'verdict_no_traffic', unseen: 'noFlowsRead' };
  }
}
