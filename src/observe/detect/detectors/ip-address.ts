/** IP addresses carried inside a request (a client reporting its own address), never version strings. */
import type { Detector, Field } from '../detector.js';
import { hinted, keyTokens } from '../hints.js';
import { ipv4 } from '../checks.js';
import { hit, type Hit } from './hit.js';

const VERSION_KEY = /^(v|ver|version|versions|build|sdk|release|rev|revision|app|appver|libver|osv|os)$/;
const IPV6 = /^(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$|^(?=.*::)(?:[0-9a-f]{1,4}:){1,6}(?::[0-9a-f]{1,4}){1,6}$/i;

/** Keys repeat in every request: the answer per key is kept (bounded). */
const versionKeys = new Map<string, boolean>();

function versionKeyed(field: Field): boolean {
  let answer = versionKeys.get(field.key);
  if (answer === undefined) {
    answer = keyTokens(field.key).some((t) => VERSION_KEY.test(t.replace(/\d+$/, '')));
    if (versionKeys.size >= 10_000) versionKeys.clear();
    versionKeys.set(field.key, answer);
  }
  return answer;
}

function detect(field: Field): Hit[] {
  const value = field.value.trim();
  if (value.length < 7 || value.length > 45 || versionKeyed(field)) return [];
  const keyed = hinted(field, 'ip_address');
  const octets = ipv4(value);
  if (octets) {
    const [a] = octets as [number, number, number, number];
    if (a === 0 || a === 127 || a >= 224) return [];
    if (keyed) return [hit('ip_address', field, value, 0.9)];
    // Unkeyed: software versions also have four small dotted numbers, so demand a shape versions
    // rarely have: at least two octets of three digits.
    const wide = octets.filter((o) => o >= 100).length;
    return wide >= 2 ? [hit('ip_address', field, value, 0.6)] : [];
  }
  if (IPV6.test(value) && !/^(::1|fe80:)/i.test(value)) return [hit('ip_address', field, value, keyed ? 0.9 : 0.6)];
  return [];
}

export const ipAddress: Detector = { id: 'ip-address', dataTypes: ['ip_address'], detect };
