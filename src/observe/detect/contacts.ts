/**
 * Address-book uploads: several distinct phone numbers (or e-mail addresses) in one request, with
 * names or under a contacts key, are the user's contacts, not the user's own phone number.
 */
import type { Detection } from '../../model/flow.js';
import type { Field } from './detector.js';
import { normKey, pathHinted } from './hints.js';

const NAME_KEYS = new Set(['name', 'fullname', 'displayname', 'firstname', 'lastname', 'nickname', 'givenname', 'familyname', '姓名', '联系人', '名字']);

function normalise(d: Detection): string {
  return d.dataType === 'phone_number' ? d.value.replace(/\D/g, '').slice(-10) : d.value.toLowerCase();
}

/** Longest common prefix of locations, cut back to a whole step (`body.$.contacts`). */
function commonWhere(wheres: string[]): string {
  let prefix = wheres[0] ?? '';
  for (const w of wheres) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  if (wheres.every((w) => w === prefix)) return prefix;
  return prefix.replace(/(\[\d*|\.[^.[\]]*)$/, '') || prefix;
}

/** Replaces the phone/e-mail detections of an address book by one `contacts` detection. */
export function groupContacts(detections: Detection[], fields: Field[]): Detection[] {
  const candidates = detections.filter((d) => (d.dataType === 'phone_number' || d.dataType === 'email_address') && d.detector !== 'known-values');
  if (candidates.length < 2) return detections;
  const phones = new Set(candidates.filter((d) => d.dataType === 'phone_number').map(normalise));
  const emails = new Set(candidates.filter((d) => d.dataType === 'email_address').map(normalise));
  const most = Math.max(phones.size, emails.size);
  const named = fields.some((f) => !f.container && NAME_KEYS.has(normKey(f.key)) && f.value.trim() !== '');
  const keyed = candidates.some((d) => pathHinted(d.where, 'contacts'));
  if (!(most >= 3 || (most >= 2 && (named || keyed)))) return detections;
  const values = [...new Set(candidates.map((d) => d.value))];
  const grouped: Detection = {
    dataType: 'contacts',
    where: commonWhere(candidates.map((d) => d.where)),
    encoding: candidates[0]!.encoding,
    confidence: keyed || named ? 0.9 : 0.8,
    value: values.slice(0, 5).join(', ') + (values.length > 5 ? `, … (${values.length})` : ''),
    detector: 'contacts',
  };
  return [...detections.filter((d) => !candidates.includes(d)), grouped];
}
