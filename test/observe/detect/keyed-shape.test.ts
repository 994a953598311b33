/**
 * A value under a key that names an identifier is that identifier even when it fails the format's
 * own check: reported with a lower confidence and a note saying why. A `model` beside device keys
 * is the device model.
 */
import assert from 'node:assert/strict';
import { detectFlow } from '../../../src/observe/detect/index.js';
import { validate } from '../../../src/vocab/schemas.js';
import type { RawFlow } from '../../../src/observe/reader.js';
import type { Detection } from '../../../src/model/flow.js';

function form(body: string): RawFlow {
  const contentType = 'application/x-www-form-urlencoded';
  return { time: '2026-03-02T08:15:00Z', protocol: 'http', cleartext: true, host: 'api.example.com', method: 'POST', url: 'http://api.example.com/reg', requestHeaders: [{ name: 'Content-Type', value: contentType }], requestBody: { bytes: Buffer.from(body), contentType } };
}
const query = (q: string): RawFlow => ({ time: '2026-03-02T08:15:00Z', protocol: 'http', cleartext: true, host: 'api.example.com', method: 'GET', url: `http://api.example.com/a?${q}` });
const at = (ds: Detection[], where: string, type: string) => ds.find((d) => d.where === where && d.dataType === type);

describe('identifiers known by their key when the value fails the format check', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['imei=861234567890125', '15 digits, wrong Luhn digit', /Luhn check digit is wrong/],
    ['imei=86123456789012', '14 digits, no check digit', /without its check digit/],
    ['imei=8612345678901201', '16 digits, an IMEISV', /IMEISV/],
  ];
  for (const [body, what, note] of cases) {
    it(`${body} in a form body (${what}) is an IMEI, with a lower confidence and a note`, () => {
      const d = at(detectFlow(form(body)), 'body.form.imei', 'imei');
      assert.ok(d, 'detected');
      assert.ok(d.confidence < 0.9 && d.confidence >= 0.5, `confidence ${d.confidence}`);
      assert.match(d.note ?? '', note);
    });
  }

  it('a valid IMEI under its key keeps its high confidence and no note', () => {
    const d = at(detectFlow(form('imei=490154203237518')), 'body.form.imei', 'imei');
    assert.equal(d?.confidence, 0.95);
    assert.equal(d?.note, undefined);
  });

  it('android_id, imsi and iccid keys do the same', () => {
    const ds = detectFlow(query('android_id=9774d56d682e549zz&imsi=46000123456789&iccid=898600123456789012'));
    assert.match(at(ds, 'query.android_id', 'android_id')?.note ?? '', /not 15 or 16 hex digits/);
    assert.match(at(ds, 'query.imsi', 'imsi')?.note ?? '', /IMSI key/);
    assert.match(at(ds, 'query.iccid', 'iccid')?.note ?? '', /ICCID key/);
  });

  it('a deviceId key gives a device id, and placeholders under an IMEI key give nothing', () => {
    assert.ok(at(detectFlow(query('deviceId=3563440512345678')), 'query.deviceId', 'device_id'));
    for (const value of ['000000000000000', 'unknown', '123', 'null']) assert.equal(at(detectFlow(query(`imei=${value}`)), 'query.imei', 'imei'), undefined, value);
  });

  it('a model beside device keys is the device model, with a note naming them; alone it is not', () => {
    const ds = detectFlow(form('imei=490154203237518&model=NX-9+Pro&os=13'));
    const d = at(ds, 'body.form.model', 'device_model');
    assert.equal(d?.value, 'NX-9 Pro');
    assert.match(d?.note ?? '', /beside other device fields \(imei, os\)/);
    assert.equal(at(detectFlow(form('model=NX-9+Pro&colour=blue')), 'body.form.model', 'device_model'), undefined);
  });

  it('a detection with a note still validates against the flow schema', () => {
    const ds = detectFlow(form('imei=861234567890125'));
    const flow = { index: 0, capture: 'x.jsonl', time: '2026-03-02T08:15:00Z', protocol: 'http', cleartext: true, host: 'api.example.com', detections: ds.map((d) => ({ ...d })) };
    assert.equal(validate('flow', { flows: [flow], captures: [], errors: [] }), undefined);
  });
});
