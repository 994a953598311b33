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

describe('extract (en): sharing and collection phrasings', () => {
  const cases: [string, string][] = [
    ['We may make your email address available to our partners.', 'first_party/share/email_address'],
    ['Your contact information may be exchanged with other organizations.', 'first_party/share/contact_info'],
    ['In the event of a merger, your personal information may be transferred.', 'first_party/share/personal_info'],
    ['Our newsletter provider may process your email address.', 'service_provider/use/email_address'],
    ['We use web beacons in our emails to learn which emails were opened.', 'first_party/use/usage_data'],
    ['Flash cookies may be stored on your device.', 'first_party/retain/cookie_id'],
    ['We may transfer your data to our parent company in Japan.', 'first_party/transfer_abroad/personal_info'],
  ];
  for (const [text, want] of cases) it(text, () => assert.ok(tuples(text).includes(want), tuples(text).join(' ')));

  it('a log file that stores an address is where it is kept, not data of its own', () => {
    const got = tuples('Your IP address is stored in our server logs for 14 days.');
    assert.ok(got.includes('first_party/retain/ip_address'), got.join(' '));
    assert.ok(!got.some((t) => t.includes('usage_data')), got.join(' '));
  });
});
