/**
 * `privdiff study diff BEFORE AFTER`: per app in both studies, the findings that are new and those
 * that are fixed, matched by finding id (stable: kind, data type and recipient domain). JSON form:
 * schemas/study-diff.schema.json. A failed run has no findings to compare: its app is listed with
 * its status and no new or fixed findings.
 */
import type { Severity } from '../../model/finding.js';
import type { StudyAppRow, StudyData, StudyFindingRow } from './read-study.js';

interface DiffFinding { id: string; kind: string; severity: Severity; message: string }

export interface StudyDiff {
  before: string;
  after: string;
  apps: { id: string; statusBefore: StudyAppRow['status']; statusAfter: StudyAppRow['status']; new: DiffFinding[]; fixed: DiffFinding[]; unchanged: number }[];
  onlyBefore: string[];
  onlyAfter: string[];
  summary: { apps: number; changed: number; new: number; fixed: number };
}

const brief = (f: StudyFindingRow): DiffFinding => ({ id: f.findingId, kind: f.kind, severity: f.severity, message: f.message });

function byApp(data: StudyData): Map<string, Map<string, StudyFindingRow>> {
  const out = new Map<string, Map<string, StudyFindingRow>>();
  for (const f of data.findings) {
    const m = out.get(f.appId) ?? new Map<string, StudyFindingRow>();
    m.set(f.findingId, f);
    out.set(f.appId, m);
  }
  return out;
}

export function diffStudies(before: StudyData, after: StudyData): StudyDiff {
  const a = new Map(before.apps.map((x) => [x.id, x]));
  const b = new Map(after.apps.map((x) => [x.id, x]));
  const fa = byApp(before);
  const fb = byApp(after);
  const apps: StudyDiff['apps'] = [];
  for (const [id, appB] of b) {
    const appA = a.get(id);
    if (!appA) continue;
    const oldF = fa.get(id) ?? new Map<string, StudyFindingRow>();
    const newF = fb.get(id) ?? new Map<string, StudyFindingRow>();
    const comparable = appA.status === 'done' && appB.status === 'done';
    apps.push({
      id, statusBefore: appA.status, statusAfter: appB.status,
      new: comparable ? [...newF.values()].filter((f) => !oldF.has(f.findingId)).map(brief) : [],
      fixed: comparable ? [...oldF.values()].filter((f) => !newF.has(f.findingId)).map(brief) : [],
      unchanged: comparable ? [...newF.keys()].filter((k) => oldF.has(k)).length : 0,
    });
  }
  const changed = apps.filter((x) => x.new.length > 0 || x.fixed.length > 0 || x.statusBefore !== x.statusAfter);
  return {
    before: before.dir,
    after: after.dir,
    apps,
    onlyBefore: [...a.keys()].filter((id) => !b.has(id)),
    onlyAfter: [...b.keys()].filter((id) => !a.has(id)),
    summary: { apps: apps.length, changed: changed.length, new: apps.reduce((n, x) => n + x.new.length, 0), fixed: apps.reduce((n, x) => n + x.fixed.length, 0) },
  };
}

export function diffText(diff: StudyDiff): string {
  const lines = [`${diff.summary.apps} apps in both runs, ${diff.summary.changed} changed: ${diff.summary.new} new findings, ${diff.summary.fixed} fixed`];
  for (const app of diff.apps) {
    if (app.new.length === 0 && app.fixed.length === 0 && app.statusBefore === app.statusAfter) continue;
    lines.push('', `${app.id}${app.statusBefore !== app.statusAfter ? ` (${app.statusBefore} → ${app.statusAfter})` : ''}`);
    for (const f of app.new) lines.push(`  + [${f.severity}] ${f.message}  (${f.id})`);
    for (const f of app.fixed) lines.push(`  - [${f.severity}] ${f.message}  (${f.id})`);
  }
  if (diff.onlyBefore.length > 0) lines.push('', `only in ${diff.before}: ${diff.onlyBefore.join(', ')}`);
  if (diff.onlyAfter.length > 0) lines.push('', `only in ${diff.after}: ${diff.onlyAfter.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
