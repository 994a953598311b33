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

describe('extract (en): statements that are no practice', () => {
  const none = [
    'We use a variety of physical, technical and administrative security measures that help to safeguard your information.',
    'We cannot guarantee the security of the information you send to us.',
    'If we make a material change in the way we use your personal information, we will post a notice on the Sites.',
    'If you would like to access, review, correct or update your personal information, please contact us.',
    'You can modify information you have given us.',
    'Please contact the Privacy Coordinator using the contact information provided below.',
  ];
  for (const text of none) it(text, () => assert.deepEqual(tuples(text), []));

  it('a security notice still reports a disclosure in it', () => {
    const got = tuples('We use SSL encryption, and we transmit your credit card number to our payment processor.');
    assert.ok(got.includes('first_party/share/bank_card'), got.join(' '));
    assert.ok(!got.some((t) => t.includes('/collect/') || t.includes('/use/')), got.join(' '));
  });

  it('data stored in encrypted form is still retained, and apps requesting access still collect', () => {
    assert.ok(tuples('We store your photos and videos in encrypted form.').includes('first_party/retain/media'));
    assert.ok(tuples('Our app may request access to your photos.').includes('first_party/collect/media'));
  });
});

describe('extract (en): appositions', () => {
  it('"Adjust, our advertising partners" is one recipient, not Adjust plus an unnamed third party', () => {
    const got = extractFromSentence('We share your advertising ID with Adjust, our advertising partners, to measure campaigns.', 'en', '§1 ¶1');
    assert.deepEqual(got.map((p) => p.recipient), ['adjust']);
  });
});

describe('extract (en): more phrasings', () => {
  it('"you will be required to provide" is collection, not a purpose', () => {
    const got = tuples('If you request a brochure, you will be required to provide us with your name and address.');
    assert.ok(got.includes('first_party/collect/name') && got.includes('first_party/collect/postal_address'), got.join(' '));
  });
  it('"provided with access to" shares; a third party with access collects', () => {
    assert.ok(tuples('These companies may be provided with access to your personal information.').some((t) => t.includes('/share/personal_info')));
    assert.deepEqual(tuples('Third parties do not have access to your personal data.'), ['third_party/collect/personal_info/neg']);
  });
  it('a comment read by other users is collected by the public', () => {
    assert.ok(tuples('Any personal information you post can be collected by other users.').includes('public/collect/personal_info'));
  });
});

describe('extract (en): contacting the user', () => {
  it('"send you emails" and "call you" use the address and number they need', () => {
    assert.deepEqual(tuples('We will send you emails about our work.'), ['first_party/use/email_address']);
    assert.deepEqual(tuples('We may call you about your order.'), ['first_party/use/phone_number']);
    assert.deepEqual(tuples('We do not send you emails.'), ['first_party/use/email_address/neg']);
  });
});

describe('extract (en): policy scope and nominal uses', () => {
  for (const text of [
    'This Privacy Policy does not cover information collected elsewhere, including sites linked to from the Service.',
    'We provide you the ability to exercise certain controls regarding our collection, use and sharing of your information.',
    'This notice explains how Time Inc. collects and uses your information.',
    'We are not responsible for the privacy practices of websites that collect personal information.',
  ]) it(text, () => assert.deepEqual(tuples(text), []));

  it('information collected by other websites is theirs, not ours', () => {
    const got = tuples('Any information you supply on other websites is collected by other websites.');
    assert.ok(got.includes('third_party/collect/personal_info') && !got.some((t) => t.startsWith('first_party/')), got.join(' '));
  });
});

describe('extract (en): tools pointing back', () => {
  it('"These features may collect" is the party named before, never a guessed "we"', () => {
    assert.deepEqual(tuples('These features may collect your IP address.'), []);
  });
});
