/**
 * TrackerControl's CSV export (Android): one row per connection an app made, with the destination
 * host, the time (milliseconds since 1970), the app's package and name, and TrackerControl's own
 * tracker company and category for the host. It sees every connection of the app's process, so it
 * cannot tell the app's own requests from those of a page it shows: the initiator stays unknown.
 * Streams row by row; a malformed row is an InputError.
 */
import { InputError } from '../../errors.js';
import { textLines } from '../text-lines.js';
import { csvFields } from './csv-fields.js';
import { MAX_RECORD_LINE, type DeviceRecord, type DeviceReportContext, type DeviceReportReader } from './record.js';

const REQUIRED = ['daddr', 'time', 'Package'] as const;

function headerOf(line: string): Map<string, number> | undefined {
  const fields = csvFields(line.replace(/^\uFEFF/, '').trim());
  if (!fields) return undefined;
  const columns = new Map(fields.map((name, i) => [name.trim(), i]));
  return REQUIRED.every((name) => columns.has(name)) ? columns : undefined;
}

function sniff(head: Uint8Array): boolean {
  const text = Buffer.from(head).toString('utf8');
  const end = text.indexOf('\n');
  return end > 0 && headerOf(text.slice(0, end)) !== undefined;
}

async function* records(path: string, ctx: DeviceReportContext): AsyncIterable<DeviceRecord> {
  let columns: Map<string, number> | undefined;
  for await (const { number, text } of textLines(path, MAX_RECORD_LINE, ctx.progress)) {
    if (text.trim() === '') continue;
    if (!columns) {
      columns = headerOf(text);
      if (!columns) throw new InputError(path, `a TrackerControl export starts with a header naming ${REQUIRED.join(', ')}`, 'line 1');
      continue;
    }
    const fields = csvFields(text);
    if (!fields) throw new InputError(path, 'unbalanced quotes in a CSV row', `line ${number}`);
    const get = (name: string) => {
      const i = columns?.get(name);
      return i === undefined ? '' : (fields[i] ?? '').trim();
    };
    const host = get('daddr');
    const app = get('Package');
    const ms = Number(get('time'));
    if (!host || !app) throw new InputError(path, 'a row needs a destination (daddr) and a package', `line ${number}`);
    if (!Number.isFinite(ms) || ms <= 0 || !/^\d+$/.test(get('time'))) throw new InputError(path, `"time" is not milliseconds since 1970: ${JSON.stringify(get('time').slice(0, 40))}`, `line ${number}`);
    const at = new Date(ms).toISOString();
    const owner = get('Tracker');
    const category = get('Category');
    const name = get('App');
    yield {
      line: number, app, ...(name ? { appName: name } : {}),
      contact: { host, hits: 1, first: at, last: at, initiatedBy: 'unknown', ...(owner ? { reportedOwner: owner } : {}), ...(category ? { reportedCategory: category } : {}) },
    };
  }
  if (!columns) throw new InputError(path, 'the file is empty', 'line 1');
}

export const trackerControlReader: DeviceReportReader = {
  format: 'trackercontrol',
  title: 'TrackerControl export',
  sniff,
  records,
};
