/** Table tests for each field detector: what it must find, and look-alikes it must leave alone. */
import assert from 'node:assert/strict';
import { fieldDetectors } from '../../../src/observe/detect/index.js';
import type { Field } from '../../../src/observe/detect/index.js';

interface Case {
  key: string;
  value: string;
  parent?: string;
  where?: string;
  /** The data type expected, or null when nothing may be found. */
  type: string | null;
}

const field = (c: Case): Field => ({ where: c.where ?? `query.${c.key}`, key: c.key.toLowerCase(), value: c.value, encoding: 'plain', parent: c.parent });

function typesOf(c: Case): string[] {
  return fieldDetectors.flatMap((d) => d.detect(field(c)).map((x) => x.dataType));
}

const table: Record<string, Case[]> = {
  'device-ids': [
    { key: 'imei', value: '490154203237518', type: 'imei' },
    { key: 'deviceImei', value: '35-209900-176148-1', type: 'imei' },
    { key: 'imei', value: '490154203237517', type: 'imei' }, // Luhn fails: still an IMEI by its key (lower confidence, a note)
    { key: 'order_no', value: '490154203237518', type: null }, // valid Luhn, no hint
    { key: 'meid', value: 'A10000009296F2', type: 'meid' },
    { key: 'imsi', value: '460001234567890', type: 'imsi' },
    { key: 'imsi', value: '999001234567890', type: 'imsi' }, // no such MCC: an IMSI by its key (lower confidence, a note)
    { key: 'iccid', value: '8986001234567890120', type: 'iccid' },
    { key: 'iccid', value: '8986001234567890121', type: 'iccid' }, // check digit wrong: an ICCID by its key
    { key: 'android_id', value: '7d5a6fd0d53a566b', type: 'android_id' },
    { key: 'span', value: '7d5a6fd0d53a566b', type: null },
    { key: 'idfa', value: '6A1C1487-A0AF-4223-B142-A0F4621D0311', type: 'advertising_id' },
    { key: 'idfa', value: '00000000-0000-0000-0000-000000000000', type: null }, // limited ad tracking
    { key: 'request_id', value: '6a1c1487-a0af-4223-b142-a0f4621d0311', type: null },
    { key: 'idfv', value: 'E2F4B0C8-1D2A-4C3B-9E8F-0A1B2C3D4E5F', type: 'vendor_id' },
    { key: 'mac', value: '3c:22:fb:12:9a:7e', type: 'mac_address' },
    { key: 'v', value: '3C-22-FB-12-9A-7E', type: 'mac_address' },
    { key: 'mac', value: '02:00:00:00:00:00', type: null }, // Android's placeholder
    { key: 'mac', value: 'ff:ff:ff:ff:ff:ff', type: null },
    { key: 'fingerprint', value: 'AB:CD:EF:12:34:56:78:90:AB:CD', type: null },
    { key: 'serialNo', value: 'R58M12ABCD', type: 'serial_number' },
    { key: 'sn', value: 'unknown', type: null },
  ],
  contact: [
    { key: 'mobile', value: '13812345678', type: 'phone_number' },
    { key: '手机号', value: '13912345678', type: 'phone_number' },
    { key: 'v', value: '+86 138 1234 5678', type: 'phone_number' },
    { key: 'v', value: '138-1234-5678', type: 'phone_number' },
    { key: 'v', value: '+1 415 555 0123', type: 'phone_number' },
    { key: 'v', value: '(415) 555-0123', type: 'phone_number' },
    { key: 'item_id', value: '13812345678', type: null }, // bare 11 digits, no phone key
    { key: 'ts', value: '1679330124', type: null },
    { key: 'timestamp', value: '1679330124304', type: null },
    { key: 'date', value: '2023-03-20', type: null },
    { key: 'email', value: 'Jane.Doe@example.org', type: 'email_address' },
    { key: 'msg', value: 'write to li.wei@mail.example.cn today', type: 'email_address' },
    { key: 'icon', value: 'icon@2x.png', type: null },
  ],
  'national-id': [
    { key: 'idcard', value: '11010519491231002X', type: 'national_id' },
    { key: 'v', value: '11010519491231002X', type: 'national_id' },
    { key: 'v', value: '110105194912310021', type: null }, // wrong check character
    { key: 'v', value: '110105194913310028', type: null }, // month 13
  ],
  'bank-card': [
    { key: 'cardNo', value: '4111111111111111', type: 'bank_card' },
    { key: 'v', value: '4111 1111 1111 1111', type: 'bank_card' },
    { key: 'order_no', value: '4111111111111111', type: null },
    { key: 'cardNo', value: '4111111111111112', type: null },
  ],
  'ip-address': [
    { key: 'client_ip', value: '203.0.113.7', type: 'ip_address' },
    { key: 'local_ip', value: '10.0.0.1', type: 'ip_address' },
    { key: 'data', value: '203.0.113.250', type: 'ip_address' },
    { key: 'version', value: '203.0.113.250', type: null },
    { key: 'build', value: '4.12.0.1', type: null },
    { key: 'v', value: '1.2.3.4', type: null },
    { key: 'ip', value: '256.1.1.1', type: null },
  ],
  location: [
    { key: 'lat', value: '30.274084', type: 'precise_location' },
    { key: 'lng', value: '120.15507', type: 'precise_location' },
    { key: 'lat', value: '30.27', type: 'coarse_location' },
    { key: 'location', value: '30.274084,120.155070', type: 'precise_location' },
    { key: 'v', value: '30.274084,120.155070', type: 'precise_location' },
    { key: 'price', value: '30.27,120.15', type: null },
    { key: 'bbox', value: '0.12345,0.67890', type: null },
    { key: 'lat', value: '95.123456', type: null },
    { key: 'lat_val', value: '0', type: null },
  ],
  wifi: [
    { key: 'bssid', value: 'a4:2b:b0:01:02:03', type: 'wifi_info' },
    { key: 'ssid', value: 'ChinaNet-x7Ka', type: 'wifi_info' },
    { key: 'ssid', value: '<unknown ssid>', type: null },
    { key: 'wifi', value: 'true', type: null },
    { key: 'SSID', where: 'cookie.SSID', value: 'A_mrp5cpjfkd72x04', type: null },
  ],
  'device-info': [
    { key: 'model', value: 'SM-G9910', type: 'device_model' },
    { key: 'manufacturer', value: 'Xiaomi', type: 'device_model' },
    { key: 'model', value: 'gpt-4o-mini', type: null },
    { key: 'brand', value: 'Nike', type: null },
    { key: 'os_version', value: '13', type: 'os_version' },
    { key: 'osv', value: 'iOS 16.4.1', type: 'os_version' },
    { key: 'os', value: 'web', type: null },
    { key: 'carrier', value: '中国移动', type: 'carrier' },
    { key: 'operator', value: '46000', type: 'carrier' },
    { key: 'operator', value: 'AND', type: null },
    { key: 'user-agent', where: 'header.user-agent', value: 'Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ2A.230305.008)', type: 'device_model' },
    { key: 'user-agent', where: 'header.user-agent', value: 'okhttp/4.12.0', type: null },
  ],
  'keyed-ids': [
    { key: 'id', parent: 'device', value: 'ad2140b6-25f1-42d7-b45c-4c0e224ca64f', type: 'device_id' },
    { key: 'identity_id', value: '1172860168363571074', type: 'account_id' },
    { key: 'user_id', value: 'guest', type: null },
    { key: 'request_uuid', value: 'ad2140b6-25f1-42d7-b45c-4c0e224ca64f', type: null },
  ],
};

describe('field detectors', () => {
  for (const [family, cases] of Object.entries(table)) {
    describe(family, () => {
      for (const c of cases) {
        it(`${c.key}=${c.value} → ${c.type ?? 'nothing'}`, () => {
          const types = typesOf(c);
          if (c.type === null) assert.deepEqual(types, []);
          else assert.ok(types.includes(c.type), `found ${JSON.stringify(types)}`);
        });
      }
    });
  }

  it('every detector reports only the data types it declares, with the field location', () => {
    for (const d of fieldDetectors) {
      for (const cases of Object.values(table)) {
        for (const c of cases) {
          for (const x of d.detect(field(c))) {
            assert.ok(d.dataTypes.includes(x.dataType), `${d.id} reported ${x.dataType}`);
            assert.equal(x.where, field(c).where);
            assert.ok(x.confidence > 0 && x.confidence < 1);
          }
        }
      }
    }
  });
});
