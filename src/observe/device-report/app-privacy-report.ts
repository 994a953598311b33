/**
 * iOS App Privacy Report (Settings → Privacy & Security → App Privacy Report → Export): NDJSON, one
 * record a line. `access` records mark the begin and end of an app's use of a data class or sensor
 * (paired by `identifier`); `networkActivity` records list the domains an app, or content it
 * loaded, contacted. Streams line by line; a malformed line is an InputError naming it.
 */
import { InputError } from '../../errors.js';
import { textLines } from '../text-lines.js';
import { iosAccessDataType } from './category-map.js';
import { MAX_RECORD_LINE, type DeviceRecord, type DeviceReportContext, type DeviceReportReader } from './record.js';

const TYPES = new Set(['access', 'networkActivity']);

function firstLine(head: Uint8Array): string | undefined {
  const text = Buffer.from(head).toString('utf8').replace(/^\uFEFF/, '');
  const end = text.indexOf('\n');
  return end < 0 ? undefined : text.slice(0, end).trim();
}

function sniff(head: Uint8Array): boolean {
  const line = firstLine(head);
  if (!line?.startsWith('{')) return false;
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    return typeof record === 'object' && record !== null && TYPES.has(record.type as string) && ('accessor' in record || 'bundleID' in record);
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

type Json = Record<string, unknown>;

function field(record: Json, name: string, path: string, line: number): string {
  const value = record[name];
  if (typeof value !== 'string' || value === '') throw new InputError(path, `an App Privacy Report ${String(record.type)} record needs a text "${name}"`, `line ${line}`);
  return value;
}

function time(record: Json, name: string, path: string, line: number): string {
  const value = field(record, name, path, line);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InputError(path, `"${name}" is not a time: ${JSON.stringify(value.slice(0, 40))}`, `line ${line}`);
  return new Date(ms).toISOString();
}

interface OpenAccess {
  app: string;
  category: string;
  dataType: string;
  begin: string;
  line: number;
}

/** Open intervals waiting for their end; past this many, the oldest is closed without an end. */
const MAX_OPEN = 10_000;

async function* records(path: string, ctx: DeviceReportContext): AsyncIterable<DeviceRecord> {
  const open = new Map<string, OpenAccess>();
  const unknownCategories = new Set<string>();
  const unknownTypes = new Set<string>();
  const closeOpen = (o: OpenAccess, end?: string): DeviceRecord => ({
    line: o.line, app: o.app, access: { category: o.category, dataType: o.dataType, begin: o.begin, ...(end ? { end } : {}) },
  });
  for await (const { number, text } of textLines(path, MAX_RECORD_LINE, ctx.progress)) {
    if (text.trim() === '') continue;
    let record: Json;
    try {
      record = JSON.parse(text) as Json;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new InputError(path, 'not a JSON record', `line ${number}`);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new InputError(path, 'a record must be a JSON object', `line ${number}`);
    const type = record.type;
    if (type === 'access') {
      const accessor = record.accessor as Json | undefined;
      if (typeof accessor !== 'object' || accessor === null) throw new InputError(path, 'an App Privacy Report access record needs an "accessor"', `line ${number}`);
      const app = field(accessor, 'identifier', path, number);
      const category = field(record, 'category', path, number);
      const at = time(record, 'timeStamp', path, number);
      const dataType = iosAccessDataType(category);
      if (!dataType) {
        if (!unknownCategories.has(category)) ctx.warn(`line ${number}: access category "${category}" is not one privdiff maps to a data type; its records are skipped`);
        unknownCategories.add(category);
        continue;
      }
      const id = typeof record.identifier === 'string' ? record.identifier : '';
      const kind = record.kind;
      if (kind === 'intervalBegin' && id) {
        if (open.size >= MAX_OPEN) {
          const [oldestId, oldest] = open.entries().next().value as [string, OpenAccess];
          open.delete(oldestId);
          yield closeOpen(oldest);
        }
        open.set(id, { app, category, dataType, begin: at, line: number });
      } else if (kind === 'intervalEnd' && open.has(id)) {
        const begun = open.get(id) as OpenAccess;
        open.delete(id);
        yield closeOpen(begun, at);
      } else {
        // A lone end, or a record with no interval: the access happened at this moment.
        yield { line: number, app, access: { category, dataType, begin: at } };
      }
    } else if (type === 'networkActivity') {
      const app = field(record, 'bundleID', path, number);
      const host = field(record, 'domain', path, number);
      const last = time(record, 'timeStamp', path, number);
      const first = typeof record.firstTimeStamp === 'string' && record.firstTimeStamp ? time(record, 'firstTimeStamp', path, number) : last;
      const hits = typeof record.hits === 'number' && Number.isFinite(record.hits) && record.hits > 0 ? Math.floor(record.hits) : 1;
      const initiated = record.initiatedType;
      const initiatedBy = initiated === 'AppInitiated' ? 'app' : initiated === 'NonAppInitiated' ? 'content' : 'unknown';
      const owner = typeof record.domainOwner === 'string' && record.domainOwner.trim() ? record.domainOwner.trim() : undefined;
      yield { line: number, app, contact: { host, hits, first, last, initiatedBy, ...(owner ? { reportedOwner: owner } : {}) } };
    } else {
      const name = String(type);
      if (!unknownTypes.has(name)) ctx.warn(`line ${number}: record type ${JSON.stringify(name.slice(0, 40))} is not one privdiff reads; such records are skipped`);
      unknownTypes.add(name);
    }
  }
  for (const o of open.values()) yield closeOpen(o);
}

export const appPrivacyReportReader: DeviceReportReader = {
  format: 'ios-app-privacy-report',
  title: 'iOS App Privacy Report',
  sniff,
  records,
};
