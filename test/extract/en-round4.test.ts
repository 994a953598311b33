/** English round 4: third parties named before the verb, sharing and collection phrasings, statements that are no practice. */
import assert from 'node:assert/strict';
import { extractFromSentence } from '../../src/extract/index.js';

const tuples = (text: string) => extractFromSentence(text, 'en', '§1 ¶1').map((p) => `${p.organization ?? p.actor}/${p.action}/${p.dataType}${p.negated ? '/neg' : ''}`);

describe('extract (en): third-party subjects', () => {
  it('"us" inside the subject phrase does not make the statement ours', () => {
    const got = tuples('Companies that provide services to us may have access to information about you.');
    assert.ok(got.includes('service_provider/collect/personal_info'), got.join(' '));
    assert.ok(!got.some((t) => t.startsWith('first_party/')), got.join(' '));
  });

  it('"we and third parties" gives the practice to both', () => {
    const got = tuples('We and third parties may use cookies to serve relevant ads.');
    assert.ok(got.includes('first_party/use/cookie_id'), got.join(' '));
    assert.ok(got.includes('third_party/use/cookie_id'), got.join(' '));
  });

  it('an object "us" after a permission verb still names us as the one acting', () => {
    const got = tuples('You authorize us to share your email address with advertisers.');
    assert.ok(got.includes('first_party/share/email_address'), got.join(' '));
  });
});
