/** The field-detection memo answers exactly what the detectors answer, re-addressed to each field. */
import assert from 'node:assert/strict';
import { detectField, clearFieldMemo } from '../../../src/observe/detect/field-memo.js';
import { fieldDetectors } from '../../../src/observe/detect/index.js';
import type { Field } from '../../../src/observe/detect/index.js';
import type { Detection } from '../../../src/model/flow.js';

const UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A.240205.004) AppleWebKit/537.36';

/** What the detectors say without the memo. */
function direct(field: Field): Detection[] {
  return fieldDetectors.flatMap((d) => d.detect(field).map((h) => ({ ...h, detector: d.id })));
}

function memo(field: Field): Detection[] {
  const out: Detection[] = [];
  detectField(field, fieldDetectors, out);
  return out;
}

const sorted = (ds: Detection[]): Detection[] => [...ds].sort((a, b) => `${a.dataType}${a.value}`.localeCompare(`${b.dataType}${b.value}`));

describe('field detection memo', () => {
  beforeEach(() => clearFieldMemo());

  const fields: Field[] = [
    { where: 'query.imei', key: 'imei', value: '490154203237518', encoding: 'plain' },
    { where: 'body.$.imei', key: 'imei', value: '490154203237518', encoding: 'gzip' },
    { where: 'body.$.device.id', key: 'id', parent: 'device', value: '490154203237518', encoding: 'plain' },
    { where: 'body.$.id', key: 'id', value: '490154203237518', encoding: 'plain' },
    { where: 'header.user-agent', key: 'user-agent', value: UA, encoding: 'plain' },
    { where: 'query.ua', key: 'user-agent', value: UA, encoding: 'plain' },
    { where: 'query.ssid', key: 'ssid', value: 'HomeNet-5G', encoding: 'plain' },
    { where: 'cookie.ssid', key: 'ssid', value: 'HomeNet-5G', encoding: 'plain' },
    { where: 'body.form.mobile', key: 'mobile', value: '13812345678', encoding: 'url' },
    { where: 'query.n', key: 'n', value: '13812345678', encoding: 'plain' },
    { where: 'body.$.note', key: 'note', value: 'call +49 151 1234 5678 or mail jane@example.org', encoding: 'plain' },
    { where: 'query.seq', key: 'seq', value: '12', encoding: 'plain' },
  ];

  it('gives what the detectors give, for every field, first and second time', () => {
    for (const field of fields) {
      const expected = sorted(direct(field));
      assert.deepEqual(sorted(memo(field)), expected, `first: ${field.where}`);
      assert.deepEqual(sorted(memo(field)), expected, `memoised: ${field.where}`);
    }
    // The fixture exercises both outcomes: keyed values found, unkeyed or cookie ones not.
    assert.ok(memo(fields[0]!).some((d) => d.dataType === 'imei'));
    assert.ok(!memo(fields[3]!).some((d) => d.dataType === 'imei'));
    assert.ok(memo(fields[6]!).some((d) => d.dataType === 'wifi_info'));
    assert.ok(!memo(fields[7]!).some((d) => d.dataType === 'wifi_info'));
  });

  it('re-addresses a remembered value to the location and encoding of the field asking', () => {
    const first = memo(fields[0]!);
    const second = memo(fields[1]!);
    assert.equal(first.find((d) => d.dataType === 'imei')?.where, 'query.imei');
    assert.deepEqual([second.find((d) => d.dataType === 'imei')?.where, second.find((d) => d.dataType === 'imei')?.encoding], ['body.$.imei', 'gzip']);
  });

  it('keeps the User-Agent header apart from the same text elsewhere', () => {
    const header = memo(fields[4]!);
    const query = memo(fields[5]!);
    assert.ok(header.some((d) => d.dataType === 'device_model' && d.value === 'Pixel 8'));
    assert.ok(!query.some((d) => d.value === 'Pixel 8'));
  });

  it('answers the same for a key whose values never repeat (an address book), and memoises a key whose values do', () => {
    // 300 distinct numbers under one key: past its trial the key is detected without the memo.
    for (let i = 0; i < 300; i++) {
      const field: Field = { where: `body.$.contacts[${i}].p`, key: 'p', parent: 'contacts', value: `+49151${String(10_000_000 + i * 7919)}`, encoding: 'plain' };
      assert.deepEqual(sorted(memo(field)), sorted(direct(field)), field.where);
    }
    const repeated: Field = { where: 'body.$.imei', key: 'imei', value: '490154203237518', encoding: 'plain' };
    for (let i = 0; i < 300; i++) assert.deepEqual(sorted(memo(repeated)), sorted(direct(repeated)));
    assert.ok(memo(repeated).some((d) => d.dataType === 'imei'));
  });

  it('stays bounded and correct past its generations', () => {
    for (let i = 0; i < 50_000; i++) memo({ where: 'query.k', key: 'k', value: `v${i}`, encoding: 'plain' });
    for (const field of fields) assert.deepEqual(sorted(memo(field)), sorted(direct(field)));
  });

  it('every field detector honours the memo contract: the same answer at another location and encoding of its class', () => {
    const strip = (ds: Array<{ dataType: string; confidence: number; value: string }>) => ds.map((d) => [d.dataType, d.confidence, d.value]);
    for (const field of fields) {
      const elsewhere: Field = {
        ...field,
        where: field.where === 'header.user-agent' ? field.where : field.where.startsWith('cookie.') ? 'cookie.other' : 'body.$.other[3]',
        encoding: 'base64+gzip',
      };
      for (const detector of fieldDetectors) assert.deepEqual(strip(detector.detect(elsewhere)), strip(detector.detect(field)), `${detector.id} on ${field.where}`);
    }
  });

  it('detects long values directly, without keeping them', () => {
    const long: Field = { where: 'body.$.note', key: 'note', value: `${'x '.repeat(400)} +49 151 1234 5678`, encoding: 'plain' };
    assert.deepEqual(sorted(memo(long)), sorted(direct(long)));
    assert.ok(memo(long).some((d) => d.dataType === 'phone_number'));
  });
});
