/** The Wi-Fi network the device is on, or the ones around it: SSID and BSSID under their keys. */
import type { Detector, Field } from '../detector.js';
import { normKey } from '../hints.js';
import { macAddress } from '../checks.js';
import { emptyish, hit, type Hit } from './hit.js';

function detect(field: Field): Hit[] {
  // Servers set cookies: Google's `SSID` session cookie is not a network name.
  if (field.where.startsWith('cookie.')) return [];
  const key = normKey(field.key);
  const value = field.value.trim();
  if (/(^|wifi|ap)bssid$/.test(key) || key === 'wifi' || key === 'wifimacap') {
    return macAddress(value, true) ? [hit('wifi_info', field, value, 0.9)] : [];
  }
  if (/(^|wifi|cur|current)ssid$/.test(key) || key === 'wifiname') {
    if (emptyish(value) || /^<unknown ssid>$/i.test(value) || /^(wifi|wlan|cellular|mobile|\d)$/i.test(value) || value.length > 32) return [];
    return [hit('wifi_info', field, value, 0.85)];
  }
  return [];
}

export const wifi: Detector = { id: 'wifi', dataTypes: ['wifi_info'], detect };
