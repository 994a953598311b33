/**
 * Phones' privacy reports in a run (`compare` with an iOS App Privacy Report or a TrackerControl
 * export, alone or beside captures of the same run): read each for the chosen app, then compare its
 * accesses and contacts with the policy. Wired by src/pipeline.ts.
 */
import { accessObservations, contactObservations, type HostCountries } from './compare/device-report.js';
import { appIdDomain } from './compare/app-id-domain.js';
import { InputError } from './errors.js';
import { deviceReportGaps } from './judge/device-report-gaps.js';
import type { DeviceReport, DeviceReportSection } from './model/device-report.js';
import type { Gap } from './model/finding.js';
import type { PolicyExtraction } from './model/practice.js';
import type { DestinationOptions } from './observe/destination/resolve.js';
import { readDeviceReport } from './observe/device-report/index.js';
import type { PartitionedInputs } from './observe/device-report/partition.js';

export type { DeviceReportSection } from './model/device-report.js';

export interface DeviceReportRead {
  reports: DeviceReport[];
  errors: InputError[];
}

export async function readDeviceReports(
  inputs: PartitionedInputs['reports'], options: { app?: string; onWarning?(message: string): void },
): Promise<DeviceReportRead> {
  const out: DeviceReportRead = { reports: [], errors: [] };
  for (const { file, reader } of inputs) {
    try {
      out.reports.push(await readDeviceReport(file, reader, {
        warn: (message) => options.onWarning?.(`${file}: ${message}`),
        ...(options.app !== undefined ? { app: options.app } : {}),
      }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      out.errors.push(error);
    }
  }
  return out;
}

/** The domains the reports' app ids name (com.example.app → example.com): the app's own. */
export function appDomains(reports: readonly DeviceReport[]): string[] {
  return [...new Set(reports.map((r) => appIdDomain(r.app.id)).filter((d): d is string => d !== undefined))];
}

export function compareDeviceReports(
  reports: readonly DeviceReport[], policy: PolicyExtraction, destinations: DestinationOptions, countries: HostCountries,
): { sections: DeviceReportSection[]; gaps: Gap[] } {
  const sections: DeviceReportSection[] = [];
  const gaps: Gap[] = [];
  for (const report of reports) {
    const accesses = accessObservations(report, policy);
    const contacts = contactObservations(report, policy, destinations, countries);
    sections.push({
      source: report.source, format: report.format,
      app: { id: report.app.id, ...(report.app.name ? { name: report.app.name } : {}) },
      appsInFile: report.apps.length, accesses, contacts, warnings: report.warnings,
    });
    gaps.push(...deviceReportGaps(accesses, contacts, policy));
  }
  return { sections, gaps };
}
