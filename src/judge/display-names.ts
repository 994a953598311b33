/**
 * How findings and reports name data types and recipients, in English or Chinese. Abbreviations
 * (IMEI, Android ID) come from data/data-type-names.json, other names from the ontology's first term.
 */
import type { Recipient } from '../model/flow.js';
import { readDataFile } from '../vocab/data-file.js';
import { ontology } from '../vocab/ontology.js';

type Names = Record<'en' | 'zh', Record<string, string>>;
let names: Names | undefined;

function table(): Names {
  if (!names) {
    // Shipped data, validated by the test suite (test/core/data-files.test.ts): compiling the
    // schema here cost every report a tenth of a second.
    names = readDataFile<Names>('data', 'data-type-names.json');
  }
  return names;
}

export function dataTypeName(id: string, lang: 'en' | 'zh'): string {
  return table()[lang][id] ?? ontology().dataTypeTitle(id, lang);
}

/** Names listed the way each language lists them: `a, b and c`; `甲、乙和丙`. After `max` names, how many more. */
export function listNames(items: string[], lang: 'en' | 'zh', max = 8): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) shown.push(lang === 'zh' ? `另外 ${rest} 项` : `${rest} more`);
  if (shown.length <= 1) return shown.join('');
  const last = shown.pop() as string;
  return lang === 'zh' ? `${shown.join('、')}和${last}` : `${shown.join(', ')} and ${last}`;
}

/** `Umeng (log.umeng.com)`, `api.nimbusmsg.com`, `Bugsnag (sessions.bugsnag.com, notify.bugsnag.com)`. */
export function recipientName(recipient: Pick<Recipient, 'organization' | 'host'>, hosts: string[] = [recipient.host], lang: 'en' | 'zh' = 'en'): string {
  const shown = hosts.slice(0, 3).join(', ');
  const hostList = hosts.length > 3 ? `${shown} ${lang === 'zh' ? `等 ${hosts.length} 个主机` : `+${hosts.length - 3}`}` : shown;
  return recipient.organization ? `${recipient.organization} (${hostList})` : hostList;
}
