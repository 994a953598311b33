/**
 * `privdiff study report DIR --format csv`: one table for spreadsheets, a row per finding and per
 * observation of each app's current run (`record` tells which), with the app's labels as columns.
 * Columns: docs/study-db.md.
 */
import { csvLine } from '../csv.js';
import type { StudyData } from './read-study.js';

const FIXED = ['record', 'app', 'data_type', 'recipient_host', 'recipient_domain', 'organization', 'party', 'country', 'disclosure', 'flows', 'cleartext',
  'finding_id', 'kind', 'severity', 'element', 'rules', 'message'];

export function studyCsv(data: StudyData): string {
  const labelNames = [...new Set(data.apps.flatMap((a) => Object.keys(a.labels)))].sort();
  const labelsOf = new Map(data.apps.map((a) => [a.id, labelNames.map((n) => a.labels[n])]));
  const out = [csvLine([...FIXED, ...labelNames.map((n) => `label.${n}`)])];
  for (const f of data.findings) {
    const r = f.recipient;
    out.push(csvLine(['finding', f.appId, f.dataType, r?.host, r?.domain, r?.organization, r?.party, r?.country, f.disclosure, '', '',
      f.findingId, f.kind, f.severity, f.element, f.rules.map((x) => `${x.jurisdiction.toUpperCase()} ${x.ref}`).join(' | '), f.message, ...(labelsOf.get(f.appId) ?? [])]));
  }
  for (const o of data.observations) {
    const r = o.recipient;
    out.push(csvLine(['observation', o.appId, o.dataType, r.host, r.domain, r.organization, r.party, r.country, o.disclosure, o.flowCount, o.cleartext,
      '', '', '', '', '', '', ...(labelsOf.get(o.appId) ?? [])]));
  }
  return out.join('');
}
