/**
 * Phones' own privacy reports, sniffed like captures: the iOS App Privacy Report and TrackerControl's
 * export. A report covers many apps; `app` picks one (bundle id, package name or display name).
 * Adding a format = one reader file + one line here.
 */
import { UsageError } from '../../errors.js';
import type { DeviceReport } from '../../model/device-report.js';
import { AppAccumulator } from './app-accumulator.js';
import { appPrivacyReportReader } from './app-privacy-report.js';
import type { DeviceReportContext, DeviceReportReader } from './record.js';
import { trackerControlReader } from './tracker-control.js';

export type { DeviceReportReader } from './record.js';

export const deviceReportReaders: readonly DeviceReportReader[] = [appPrivacyReportReader, trackerControlReader];

/** The reader whose format the file's first bytes show, if it is a phone's privacy report. */
export function deviceReportReaderFor(head: Uint8Array): DeviceReportReader | undefined {
  return deviceReportReaders.find((r) => r.sniff(head));
}

/** Apps listed in a message when a report covers many and none was chosen. */
const APPS_LISTED = 15;

function appList(apps: AppAccumulator[], counts: Map<string, number>): string {
  const sorted = [...apps].sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || a.id.localeCompare(b.id));
  const shown = sorted.slice(0, APPS_LISTED).map((a) => `${a.id}${a.name ? ` (${a.name})` : ''}: ${counts.get(a.id) ?? 0} records`);
  const more = sorted.length > APPS_LISTED ? `; and ${sorted.length - APPS_LISTED} more` : '';
  return shown.join('; ') + more;
}

function matches(acc: AppAccumulator, wanted: string): boolean {
  const w = wanted.toLowerCase();
  return acc.id.toLowerCase() === w || (acc.name !== undefined && acc.name.toLowerCase() === w);
}

/**
 * Reads one report for one app. Without `app`, a report covering a single app is read for it, and
 * one covering several is a UsageError listing them (so the user can choose with --app).
 */
export async function readDeviceReport(path: string, reader: DeviceReportReader, ctx: DeviceReportContext & { app?: string }): Promise<DeviceReport> {
  const apps = new Map<string, AppAccumulator>();
  const counts = new Map<string, number>();
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    ctx.warn(message);
  };
  for await (const record of reader.records(path, { warn, ...(ctx.progress ? { progress: ctx.progress } : {}) })) {
    let acc = apps.get(record.app);
    if (!acc) {
      acc = new AppAccumulator(record.app, record.appName);
      apps.set(record.app, acc);
    }
    acc.name ??= record.appName;
    counts.set(record.app, (counts.get(record.app) ?? 0) + 1);
    if (record.access) acc.addAccess(record.access);
    if (record.contact) acc.addContact(record.contact);
  }
  const all = [...apps.values()];
  let chosen: AppAccumulator | undefined;
  if (ctx.app !== undefined) {
    chosen = all.find((a) => matches(a, ctx.app as string));
    if (!chosen) throw new UsageError(`${path}: the ${reader.title} has no app "${ctx.app}"; it covers ${appList(all, counts)}`);
  } else if (all.length === 1) {
    chosen = all[0];
  } else if (all.length === 0) {
    warn('the report holds no app records');
    chosen = new AppAccumulator('');
  } else {
    throw new UsageError(`${path}: the ${reader.title} covers ${all.length} apps; choose one with --app: ${appList(all, counts)}`);
  }
  const app = (chosen as AppAccumulator).result();
  if ((chosen as AppAccumulator).droppedAccesses > 0) warn(`${(chosen as AppAccumulator).droppedAccesses} accesses beyond the first ${app.accesses.length} were counted but not kept`);
  return {
    source: path,
    format: reader.format,
    app,
    apps: all.map((a) => ({ id: a.id, ...(a.name ? { name: a.name } : {}), records: counts.get(a.id) ?? 0 })),
    warnings,
  };
}
