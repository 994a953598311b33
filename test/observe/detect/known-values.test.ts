/** Known-value search with its one-pass pre-filter: nothing found by the per-needle search is lost. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { compileKnown, findKnown } from '../../../src/observe/detect/known-values.js';
import type { Field } from '../../../src/observe/detect/index.js';

const leaf = (where: string, value: string, encoding = 'plain'): Field => ({ where, key: where.split('.').pop()!, value, encoding });

describe('known values', () => {
  it('finds values holding regular-expression metacharacters as written', () => {
    const compiled = compileKnown({ account_id: 'user.name+tag(1)*[x]', email_address: 'a.b+c@example.org' });
    const found = findKnown([leaf('query.u', 'id=user.name+tag(1)*[x]'), leaf('query.e', 'a.b+c@example.org'), leaf('query.z', 'userXname+tag(1)')], compiled);
    assert.deepEqual(found.map((d) => [d.dataType, d.where]).sort(), [['account_id', 'query.u'], ['email_address', 'query.e']]);
  });

  it('finds digests and hex in either case, and names the encoding', () => {
    const imei = '490154203237518';
    const sha1 = createHash('sha1').update(imei).digest('hex').toUpperCase();
    const hex = Buffer.from(imei).toString('hex').toUpperCase();
    const found = findKnown([leaf('header.x-h', sha1), leaf('query.x', `pre${hex}post`)], compileKnown({ imei }));
    assert.deepEqual(found.map((d) => [d.where, d.encoding]).sort(), [['header.x-h', 'sha1'], ['query.x', 'hex']]);
  });

  it('searches a container only for values none of its leaves holds', () => {
    const compiled = compileKnown({ imei: '490154203237518', phone_number: '+4915112345678' });
    const body: Field = { where: 'body', key: '', value: '{"imei":"490154203237518","blob":"x+4915112345678"}', encoding: 'plain', container: true };
    const found = findKnown([body, leaf('body.$.imei', '490154203237518'), leaf('body.$.blob', 'y')], compiled);
    assert.deepEqual(found.filter((d) => d.dataType === 'imei').map((d) => d.where), ['body.$.imei']);
    assert.deepEqual([...new Set(found.filter((d) => d.dataType === 'phone_number').map((d) => d.where))], ['body']);
  });

  it('finds nothing in fields that hold no known value, and works with only a place known', () => {
    assert.deepEqual(findKnown([leaf('query.a', 'hello world'), leaf('query.b', '4901542032375')], compileKnown({ imei: '490154203237518' })), []);
    const place = findKnown([leaf('query.lat', '30.27411'), leaf('query.lon', '120.15507')], compileKnown({ precise_location: { lat: 30.2741, lon: 120.1551 } }));
    assert.equal(place[0]?.confidence, 1);
  });
});
