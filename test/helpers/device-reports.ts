/**
 * Writes phones' privacy reports of our own for tests: an iOS App Privacy Report (NDJSON) and a
 * TrackerControl CSV export, with several apps whose records interleave, as real exports do.
 */
import { writeFileSync } from 'node:fs';

export interface SyntheticApp {
  id: string;
  name: string;
  /** [category, begin ISO, end ISO] */
  accesses?: [string, string, string][];
  /** [domain, hits, initiated by the app?, owner, TrackerControl category] */
  contacts?: [string, number, boolean, string, string][];
}

/** Records of all apps, interleaved by time as the phone writes them. */
export function appPrivacyReportLines(apps: SyntheticApp[]): string[] {
  const records: { at: string; line: string }[] = [];
  for (const app of apps) {
    (app.accesses ?? []).forEach(([category, begin, end], i) => {
      const identifier = `${app.id}-${category}-${i}`;
      const accessor = { identifier: app.id, identifierType: 'bundleID' };
      records.push({ at: begin, line: JSON.stringify({ accessor, category, identifier, kind: 'intervalBegin', timeStamp: begin, type: 'access' }) });
      records.push({ at: end, line: JSON.stringify({ accessor, category, identifier, kind: 'intervalEnd', timeStamp: end, type: 'access' }) });
    });
    (app.contacts ?? []).forEach(([domain, hits, byApp, owner], i) => {
      const at = `2026-03-02T09:0${i % 10}:00.000+01:00`;
      records.push({ at, line: JSON.stringify({
        timeStamp: at, initiatedType: byApp ? 'AppInitiated' : 'NonAppInitiated', context: byApp ? '' : 'news.example', domain, contextVerificationType: 0,
        type: 'networkActivity', domainType: 2, firstTimeStamp: at, bundleID: app.id, domainOwner: owner, hits, domainClassification: 1,
      }) });
    });
  }
  return records.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((r) => r.line);
}

export function writeAppPrivacyReport(file: string, apps: SyntheticApp[], extraLines: { at: number; line: string }[] = []): void {
  const lines = appPrivacyReportLines(apps);
  for (const { at, line } of extraLines) lines.splice(at, 0, line);
  writeFileSync(file, lines.join('\n') + '\n');
}

export function trackerControlLines(apps: SyntheticApp[]): string[] {
  const rows: { ms: number; line: string }[] = [];
  const q = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  apps.forEach((app, a) => (app.contacts ?? []).forEach(([domain, hits, , owner, category], i) => {
    for (let h = 0; h < hits; h++) {
      const ms = 1772438400000 + (i * 10 + h) * 1000 + a;
      rows.push({ ms, line: [10100 + a, domain, ms, 0, owner, category, app.id, app.name].map(q).join(',') });
    }
  }));
  return ['"uid","daddr","time","uncertain","Tracker","Category","Package","App"', ...rows.sort((x, y) => x.ms - y.ms).map((r) => r.line)];
}

export function writeTrackerControl(file: string, apps: SyntheticApp[]): void {
  writeFileSync(file, trackerControlLines(apps).join('\n') + '\n');
}

/** Two apps: a photo journal (first party pixelnote.example) and a game, sharing a tracker. */
export const APPS: SyntheticApp[] = [
  {
    id: 'example.pixelnote.journal', name: 'PixelNote',
    accesses: [['photos', '2026-03-02T09:00:10.000+01:00', '2026-03-02T09:00:20.000+01:00'], ['contacts', '2026-03-02T09:01:00.000+01:00', '2026-03-02T09:01:02.000+01:00'],
      ['contacts', '2026-03-02T09:03:00.000+01:00', '2026-03-02T09:03:01.000+01:00']],
    contacts: [['api.pixelnote.example', 12, true, '', 'Uncategorised'], ['app-measurement.com', 3, true, 'Google LLC', 'Analytics'],
      ['graph.facebook.com', 2, true, 'Facebook, Inc.', 'Social'], ['ads.mopub.com', 1, false, 'Twitter, Inc.', 'Advertising']],
  },
  {
    id: 'com.example.game', name: 'Example Game',
    accesses: [['microphone', '2026-03-02T09:00:30.000+01:00', '2026-03-02T09:00:31.000+01:00']],
    contacts: [['graph.facebook.com', 5, true, 'Facebook, Inc.', 'Social']],
  },
];
