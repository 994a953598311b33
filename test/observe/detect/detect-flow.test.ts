/** detectFlow end to end: wrappers unwrapped, known values in every encoding, contacts, de-duplication. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { detectFlow, flowFields } from '../../../src/observe/detect/index.js';
import type { RawFlow } from '../../../src/observe/reader.js';
import type { Detection } from '../../../src/model/flow.js';

const IMEI = '490154203237518';

function flow(url: string, body?: string | Uint8Array, contentType?: string, headers: Array<{ name: string; value: string }> = []): RawFlow {
  const f: RawFlow = { time: '2026-01-01T00:00:00Z', protocol: 'http', cleartext: false, host: 'api.example.cn', method: body ? 'POST' : 'GET', url, requestHeaders: headers };
  if (body !== undefined) f.requestBody = { bytes: typeof body === 'string' ? Buffer.from(body) : body, contentType };
  return f;
}

const find = (ds: Detection[], type: string): Detection | undefined => ds.find((d) => d.dataType === type);

describe('detectFlow', () => {
  it('finds values in deep JSON and names the JSON path', () => {
    const ds = detectFlow(flow('https://a.example/x', JSON.stringify({ a: { b: [{ c: { imei: IMEI } }] } }), 'application/json'));
    assert.equal(find(ds, 'imei')?.where, 'body.$.a.b[0].c.imei');
    assert.equal(find(ds, 'imei')?.encoding, 'plain');
  });

  it('unwraps base64 JSON in a query parameter, and URL-encoding inside it', () => {
    const inner = Buffer.from(JSON.stringify({ imei: IMEI, mail: encodeURIComponent('jane@example.org') })).toString('base64');
    const ds = detectFlow(flow(`https://a.example/t.gif?d=${encodeURIComponent(inner)}`));
    assert.deepEqual([find(ds, 'imei')?.where, find(ds, 'imei')?.encoding], ['query.d.$.imei', 'base64']);
    assert.equal(find(ds, 'email_address')?.encoding, 'base64+url');
  });

  it('reads gzip bodies, base64+gzip form fields, cookies, headers and multipart parts', () => {
    const gz = detectFlow(flow('https://a.example/x', gzipSync(Buffer.from(JSON.stringify({ imei: IMEI }))), 'application/octet-stream'));
    assert.equal(find(gz, 'imei')?.encoding, 'gzip');
    const form = `data=${encodeURIComponent(gzipSync(Buffer.from(JSON.stringify({ oaid: '6a1c1487-a0af-4223-b142-a0f4621d0311' }))).toString('base64'))}`;
    const b64gz = detectFlow(flow('https://a.example/x', form, 'application/x-www-form-urlencoded'));
    assert.deepEqual([find(b64gz, 'advertising_id')?.where, find(b64gz, 'advertising_id')?.encoding], ['body.form.data.$.oaid', 'base64+gzip']);
    const cookie = detectFlow(flow('https://a.example/x', undefined, undefined, [{ name: 'Cookie', value: `sid=abc; imei=${IMEI}` }]));
    assert.equal(find(cookie, 'imei')?.where, 'cookie.imei');
    const header = detectFlow(flow('https://a.example/x', undefined, undefined, [{ name: 'X-Device-IMEI', value: IMEI }]));
    assert.equal(find(header, 'imei')?.where, 'header.x-device-imei');
    const mp = `--b1\r\nContent-Disposition: form-data; name="手机号"\r\n\r\n13812345678\r\n--b1--\r\n`;
    const multipart = detectFlow(flow('https://a.example/x', mp, 'multipart/form-data', [{ name: 'Content-Type', value: 'multipart/form-data; boundary=b1' }]));
    assert.equal(find(multipart, 'phone_number')?.where, 'body.part.手机号');
  });

  it('bounds the unwrapping depth of nested base64', () => {
    let value = JSON.stringify({ imei: IMEI });
    for (let i = 0; i < 12; i++) value = Buffer.from(value).toString('base64');
    const fields = flowFields(flow(`https://a.example/x?d=${encodeURIComponent(value)}`));
    assert.ok(fields.length < 20, `${fields.length} fields`);
    assert.equal(find(detectFlow(flow(`https://a.example/x?d=${encodeURIComponent(value)}`)), 'imei'), undefined);
  });

  describe('known identifiers', () => {
    const email = 'Jane.Doe@Example.org';
    const hash = (alg: string, s: string): string => createHash(alg).update(s).digest('hex');
    const cases: Array<[string, string]> = [
      ['plain', email],
      ['upper', email.toUpperCase()],
      ['url', encodeURIComponent(email)],
      ['base64', Buffer.from(email).toString('base64')],
      ['hex', Buffer.from(email).toString('hex')],
      ['md5', hash('md5', email.toLowerCase())],
      ['sha1', hash('sha1', email.toLowerCase())],
      ['sha256', hash('sha256', email.toLowerCase()).toUpperCase()],
    ];
    for (const [encoding, sent] of cases) {
      it(`matches an e-mail address sent as ${encoding}, with confidence 1`, () => {
        const f = flow('https://a.example/x', JSON.stringify({ u: { k: sent } }), 'application/json');
        const d = find(detectFlow(f, { email_address: email }), 'email_address');
        assert.deepEqual([d?.encoding, d?.confidence, d?.where], [encoding, 1, 'body.$.u.k']);
      });
    }

    it('hashes normalised forms: E.164 phone and IMEI digits', () => {
      const sha = createHash('sha256').update('+8613812345678').digest('hex');
      const d = find(detectFlow(flow(`https://a.example/x?h=${sha}`), { phone_number: '138 1234 5678' }), 'phone_number');
      assert.deepEqual([d?.encoding, d?.confidence], ['sha256', 1]);
      const md5 = createHash('md5').update(IMEI).digest('hex');
      assert.equal(find(detectFlow(flow(`https://a.example/x?x=${md5}`), { imei: '49-015420-323751-8' }), 'imei')?.encoding, 'md5');
    });

    it('a random hex token is not an IMEI unless it is the known value', () => {
      const f = flow(`https://a.example/x?token=${IMEI}`);
      assert.equal(find(detectFlow(f), 'imei'), undefined);
      assert.equal(find(detectFlow(f, { imei: IMEI }), 'imei')?.confidence, 1);
    });

    it('matches a known location within about 100 m, and not 1 km away', () => {
      const near = flow('https://a.example/x', JSON.stringify({ p: { y: 30.2745, x: 120.1553 } }), 'application/json');
      const far = flow('https://a.example/x', JSON.stringify({ p: { y: 30.284, x: 120.1553 } }), 'application/json');
      const known = { precise_location: { lat: 30.2741, lon: 120.1551 } };
      assert.equal(find(detectFlow(near, known), 'precise_location')?.confidence, 1);
      assert.equal(find(detectFlow(far, known), 'precise_location'), undefined);
    });
  });

  it('an address book is `contacts`, not several phone numbers', () => {
    const book = { contacts: [{ name: '张伟', phone: '13812345678' }, { name: 'Li Na', phone: '+86 139 1234 5678' }, { name: 'Tom', phone: '(415) 555-0123' }] };
    const ds = detectFlow(flow('https://a.example/x', JSON.stringify(book), 'application/json'));
    assert.equal(find(ds, 'phone_number'), undefined);
    assert.equal(find(ds, 'contacts')?.where, 'body.$.contacts');
    const one = detectFlow(flow('https://a.example/x', JSON.stringify({ name: 'Jane', phone: '13812345678', email: 'jane@example.org' }), 'application/json'));
    assert.ok(find(one, 'phone_number') && find(one, 'email_address') && !find(one, 'contacts'));
  });

  it('reports each (type, location) once', () => {
    const ds = detectFlow(flow(`https://a.example/x?imei=${IMEI}`), { imei: IMEI });
    const imeis = ds.filter((d) => d.dataType === 'imei');
    assert.equal(imeis.length, 1);
    assert.equal(imeis[0]!.confidence, 1);
  });
});
