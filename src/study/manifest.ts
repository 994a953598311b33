/**
 * Reads a study manifest — JSON Lines, CSV, or a folder of apps/<id>/ — into apps with resolved
 * inputs. A bad line fails only its own app (a ManifestFault naming the file and line); a manifest
 * that cannot be read at all is an InputError (exit 2).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileErrorReason, InputError } from '../errors.js';
import { validate } from '../vocab/schemas.js';
import type { ManifestFault, StudyApp } from './app-job.js';
import { parseCsv } from './csv.js';
import { expandGlob, isGlob } from './glob.js';

export interface Manifest {
  source: string;
  format: 'jsonl' | 'csv' | 'folder';
  apps: StudyApp[];
  faults: ManifestFault[];
}

/** Options a study applies to every app that does not set its own. */
export interface ManifestDefaults {
  region?: string;
  jurisdictions?: string[];
}

type ManifestRecord = Record<string, unknown>;

const CAPTURE_EXTENSIONS = new Set(['.pcap', '.pcapng', '.cap', '.har', '.mitm', '.flows', '.jsonl']);
const POLICY_FILE = /^policy(\.[a-z]{2}(-[a-z]+)?)?\.(html?|pdf|txt|md|markdown)$/i;
const KEYLOG_FILE = /(^(ssl)?keylog.*\.txt$|\.keylog$)/i;
const CSV_LIST_FIELDS = new Set(['captures', 'jurisdictions', 'firstParty']);
const RECORD_FIELDS = new Set(['id', 'policy', 'captures', 'identifiers', 'region', 'jurisdictions', 'appCategory', 'consentAt', 'keylog', 'firstParty', 'labels']);

class RecordFault extends Error {}

function list(value: unknown, separator: RegExp): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? (value as string[]) : String(value).split(separator);
  return items.map((s) => s.trim()).filter(Boolean);
}

function consentAt(value: unknown): StudyApp['consentAt'] {
  if (value === undefined) return undefined;
  if (typeof value === 'number' || /^\d+$/.test(String(value))) return { flow: Number(value) };
  const time = Date.parse(String(value));
  if (Number.isNaN(time)) throw new RecordFault(`consentAt must be an ISO 8601 time or a flow index (got "${String(value)}")`);
  return { time: new Date(time).toISOString() };
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

function capturePaths(patterns: string[], base: string): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(base, pattern);
    if (!isGlob(pattern)) {
      out.push(absolute);
      continue;
    }
    const found = expandGlob(absolute);
    if (found.length === 0) throw new RecordFault(`captures: no file matches "${pattern}"`);
    out.push(...found);
  }
  return out;
}

/** A validated record → a StudyApp (paths resolved against `base`). */
function appFromRecord(record: ManifestRecord, base: string, origin: string, defaults: ManifestDefaults): StudyApp {
  const problem = validate('study', record);
  if (problem) throw new RecordFault(`does not fit schemas/study.schema.json: ${problem}`);
  const policy = String(record.policy);
  const app: StudyApp = {
    id: String(record.id),
    origin,
    policy: isUrl(policy) ? policy : path.resolve(base, policy),
    captures: capturePaths(list(record.captures, /;/) ?? [], base),
    labels: (record.labels as StudyApp['labels'] | undefined) ?? {},
  };
  if (typeof record.identifiers === 'string') app.identifiers = path.resolve(base, record.identifiers);
  else if (record.identifiers) app.identifiers = record.identifiers as Record<string, unknown>;
  const region = (record.region as string | undefined) ?? defaults.region;
  if (region) app.region = region;
  const jurisdictions = list(record.jurisdictions, /[,;]/) ?? defaults.jurisdictions;
  if (jurisdictions && jurisdictions.length > 0) app.jurisdictions = jurisdictions;
  if (record.appCategory) app.appCategory = String(record.appCategory);
  const consent = consentAt(record.consentAt);
  if (consent) app.consentAt = consent;
  if (record.keylog) app.keylog = path.resolve(base, String(record.keylog));
  const firstParty = list(record.firstParty, /[,;]/);
  if (firstParty && firstParty.length > 0) app.firstParty = firstParty;
  return app;
}

/** Collects apps and faults; a second use of an id is a fault of its own line. */
class Collector {
  readonly apps: StudyApp[] = [];
  readonly faults: ManifestFault[] = [];
  private readonly seen = new Map<string, string>();

  constructor(private readonly defaults: ManifestDefaults) {}

  add(record: ManifestRecord | undefined, fallbackId: string, base: string, origin: string, parseError?: string): void {
    const named = typeof record?.id === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(record.id) ? record.id : undefined;
    const id = named ?? fallbackId;
    const fail = (error: string): void => {
      this.faults.push({ id, origin, error: `${origin}: ${error}` });
    };
    if (parseError || !record) return fail(parseError ?? 'empty record');
    const first = this.seen.get(id);
    if (first) return fail(`duplicate app id "${id}" (first at ${first})`);
    this.seen.set(id, origin);
    try {
      this.apps.push(appFromRecord(record, base, origin, this.defaults));
    } catch (error) {
      if (!(error instanceof RecordFault)) throw error;
      fail(error.message);
    }
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read the study manifest (${fileErrorReason(error) ?? (error as Error).message})`);
  }
}

function readJsonLines(file: string, text: string, out: Collector): void {
  const base = path.dirname(file);
  const name = path.basename(file);
  text.replace(/^\ufeff/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const origin = `${name} (line ${i + 1})`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      out.add(undefined, `line-${i + 1}`, base, origin, `not valid JSON: ${(error as Error).message}`);
      return;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      out.add(undefined, `line-${i + 1}`, base, origin, 'a manifest line must be one JSON object');
      return;
    }
    out.add(record as ManifestRecord, `line-${i + 1}`, base, origin);
  });
}

/** CSV: a header row names the fields; list fields are ';'-separated; other columns are labels. */
function readCsv(file: string, text: string, out: Collector): void {
  const rows = parseCsv(text);
  const header = rows.shift();
  const columns = header?.fields.map((f) => f.trim()) ?? [];
  for (const required of ['id', 'policy', 'captures']) {
    if (!columns.includes(required)) throw new InputError(file, `the CSV header has no "${required}" column (it needs id, policy and captures)`, 'line 1');
  }
  const base = path.dirname(file);
  const name = path.basename(file);
  for (const row of rows) {
    const origin = `${name} (line ${row.line})`;
    if (row.fields.length !== columns.length) {
      out.add(undefined, `line-${row.line}`, base, origin, `${row.fields.length} fields where the header has ${columns.length}`);
      continue;
    }
    const record: ManifestRecord = {};
    const labels: Record<string, string> = {};
    columns.forEach((column, k) => {
      const value = (row.fields[k] as string).trim();
      if (value === '') return;
      if (column.startsWith('labels.')) labels[column.slice(7)] = value;
      else if (RECORD_FIELDS.has(column)) record[column] = CSV_LIST_FIELDS.has(column) ? value.split(';').map((s) => s.trim()).filter(Boolean) : value;
      else labels[column] = value;
    });
    if (Object.keys(labels).length > 0) record.labels = labels;
    out.add(record, `line-${row.line}`, base, origin);
  }
}

/** Folder form: apps/<id>/ holds policy.*, the captures, identifiers.json, a key log, app.json. */
function readFolder(folder: string, out: Collector): void {
  const appsDir = path.join(folder, 'apps');
  let ids: string[];
  try {
    ids = readdirSync(appsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (error) {
    throw new InputError(folder, `not a study folder: no readable apps/ folder inside (${fileErrorReason(error) ?? (error as Error).message})`);
  }
  for (const id of ids) {
    const dir = path.join(appsDir, id);
    const origin = `apps/${id}/`;
    const files = readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
    let record: ManifestRecord = {};
    if (files.includes('app.json')) {
      try {
        record = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as ManifestRecord;
      } catch (error) {
        out.add(undefined, id, dir, `${origin}app.json`, `not valid JSON: ${(error as Error).message}`);
        continue;
      }
    }
    const policy = files.find((f) => POLICY_FILE.test(f));
    const captures = files.filter((f) => CAPTURE_EXTENSIONS.has(path.extname(f).toLowerCase()));
    if (!record.policy && !policy) {
      out.add(undefined, id, dir, origin, 'no policy file (policy.html, policy.pdf, policy.txt or policy.md)');
      continue;
    }
    if (!record.captures && captures.length === 0) {
      out.add(undefined, id, dir, origin, `no capture file (${[...CAPTURE_EXTENSIONS].join(', ')})`);
      continue;
    }
    const keylog = files.find((f) => KEYLOG_FILE.test(f));
    out.add({
      id,
      ...(policy ? { policy } : {}),
      ...(captures.length > 0 ? { captures } : {}),
      ...(files.includes('identifiers.json') ? { identifiers: 'identifiers.json' } : {}),
      ...(keylog ? { keylog } : {}),
      ...record,
    }, id, dir, origin);
  }
}

export function readManifest(source: string, defaults: ManifestDefaults = {}): Manifest {
  const out = new Collector(defaults);
  let stat;
  try {
    stat = statSync(source);
  } catch (error) {
    throw new InputError(source, `cannot read the study manifest (${fileErrorReason(error) ?? (error as Error).message})`);
  }
  let format: Manifest['format'];
  if (stat.isDirectory()) {
    format = 'folder';
    readFolder(source, out);
  } else {
    const text = readText(source);
    if (text.includes('\u0000')) throw new InputError(source, 'not a study manifest (binary data; expected JSON Lines or CSV)');
    const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? '';
    format = path.extname(source).toLowerCase() === '.csv' || (!firstLine.trim().startsWith('{') && /(^|,)\s*"?id"?\s*(,|$)/.test(firstLine)) ? 'csv' : 'jsonl';
    if (format === 'csv') readCsv(source, text, out);
    else readJsonLines(source, text, out);
  }
  if (out.apps.length === 0) {
    // Not one usable app: the file is not a manifest (or is one in name only).
    const first = out.faults[0];
    throw first ? new InputError(source, `no app could be read; first fault: ${first.error}`) : new InputError(source, 'the study manifest lists no apps');
  }
  return { source, format, apps: out.apps, faults: out.faults };
}
