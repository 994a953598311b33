/** English clause rules (src/extract/rules-en.ts, scan-en.ts): each family on sentences written for this test. */
import assert from 'node:assert/strict';
import { extractFromSentence } from '../../src/extract/index.js';

const tuples = (text: string) => extractFromSentence(text, 'en', '§1 ¶1').map((p) => `${p.organization ?? p.actor}/${p.action}/${p.dataType}${p.negated ? '/neg' : ''}`);

function expectExactly(text: string, want: string[]): void {
  assert.deepEqual([...new Set(tuples(text))].sort(), [...want].sort(), text);
}

describe('extract (en): permission list items', () => {
  it('a permission label is a collection of the data it names; the rest is the purpose', () => {
    expectExactly('Microphone: used to record voice notes.', ['first_party/collect/microphone']);
    expectExactly('Contacts permission allows you to find friends who already use the app.', ['first_party/collect/contacts']);
  });
  it('a label followed by our own statement is read as a sentence, and a heading of other words is no label', () => {
    expectExactly('Location (optional): we never store your exact position.', ['first_party/retain/precise_location/neg']);
    assert.deepEqual(tuples('Your rights: you may ask for a copy of your data.'), []);
  });
});

describe('extract (en): relative clauses and passives', () => {
  it('the noun a relative clause modifies is the object of both verbs, across an apposition', () => {
    expectExactly('Receipts you upload, such as photos of invoices, are stored in your account.', [
      'first_party/collect/media', 'first_party/retain/media',
    ]);
  });
  it('a relative "who" after a recipient makes the processing theirs, not our use', () => {
    expectExactly('We share your email address with service providers, who process it on our behalf.', [
      'first_party/share/email_address', 'service_provider/use/email_address',
    ]);
  });
  it('"note that we" is a complement clause, not a relative one', () => {
    assert.ok(tuples('Please be aware that we log your IP address.').includes('first_party/collect/ip_address'));
  });
  it('a participle after its noun adds no collection; the main verb counts', () => {
    expectExactly('Information collected through the app may be transferred to Japan.', ['first_party/transfer_abroad/personal_info']);
  });
  it('a user in a leading when-clause is not the subject of the main verb', () => {
    assert.ok(tuples('When you report a bug, your screenshot is sent to our support vendor.').includes('first_party/share/media'));
  });
});

describe('extract (en): who acts', () => {
  it('what a party gives us, or what is transmitted to us, we collect', () => {
    expectExactly('Logging in with Facebook gives us your e-mail address.', ['first_party/collect/email_address']);
  });
  it('"ask you to provide" and "we need" collect; "we need your consent" does not', () => {
    assert.ok(tuples('We will ask you to provide a copy of your passport.').includes('first_party/collect/national_id'));
    assert.ok(tuples('For deliveries we need your phone number.').includes('first_party/collect/phone_number'));
    assert.ok(!tuples('We need your consent before we contact you.').some((t) => t.includes('/collect/')));
  });
  it('a bare list of verbs keeps one subject; vague others are nobody we can name', () => {
    assert.ok(!tuples('These vendors may not sell, rent or use your e-mail address.').some((t) => t.startsWith('first_party/')));
    assert.ok(!tuples('Anyone may read and use the comments you post.').some((t) => t.startsWith('first_party/use')));
  });
  it('"they" points back to a recipient category named before', () => {
    assert.ok(tuples('We do not share your name with advertisers; they receive only an advertising ID.').includes('advertiser/collect/advertising_id'));
  });
});

describe('extract (en): directions, nouns and periods', () => {
  it('a directional verb with another party as target shares; abroad it is a transfer abroad', () => {
    assert.ok(tuples('Your pickup address is passed to the courier.').includes('first_party/share/postal_address'));
    const abroad = tuples('We send your chat messages to our translation vendor in Canada.');
    assert.ok(abroad.includes('first_party/transfer_abroad/message_content') && !abroad.some((t) => t.includes('/share/')), abroad.join(' '));
  });
  it('"provide these companies with" data shares; an advertiser placing a cookie uses it', () => {
    assert.ok(tuples('We provide these vendors with your phone number so they can arrange delivery.').includes('first_party/share/phone_number'));
    assert.ok(tuples('Our ad network may place a unique cookie on your browser.').includes('advertiser/use/cookie_id'));
  });
  it('"give X access to" shares', () => {
    assert.ok(tuples('We may give our auditors access to your payment history.').includes('first_party/share/payment_info'));
  });
  it('action words used as nouns or adjectives are no verbs', () => {
    assert.deepEqual(tuples('Each request to our servers carries a timestamp.'), []);
    assert.ok(!tuples('We analyse your saved photos to build albums.').some((t) => t.includes('/retain/')));
  });
  it('deletion after a stated period is retention; immediate deletion is no retention', () => {
    expectExactly('Call recordings are deleted after 90 days.', ['first_party/retain/media']);
    expectExactly('Your face scan is deleted immediately after verification.', ['first_party/retain/biometric/neg']);
  });
});

describe('extract (en): negation scope and exceptions', () => {
  it('"only for X, never for Y" states both polarities', () => {
    const got = tuples('We use your location only to find nearby drivers, never for advertising.');
    assert.ok(got.includes('first_party/use/location') && got.includes('first_party/use/location/neg'), got.join(' '));
  });
  it('an exception naming data before a negated verb states that data positively', () => {
    const got = tuples('Apart from your e-mail address, we do not keep any contact information.');
    assert.ok(got.includes('first_party/retain/email_address') && got.includes('first_party/retain/contact_info/neg'), got.join(' '));
  });
  it('"unless you" + an act of the user lifts the negation like consent', () => {
    assert.deepEqual(tuples('We do not read your clipboard unless you tap Paste.'), ['first_party/collect/clipboard']);
  });
  it('data inside a contact list is contacts', () => {
    expectExactly('We upload the e-mail addresses in your address book to find friends.', ['first_party/collect/contacts']);
  });
});

describe('extract (en): purposes and coordinated predicates', () => {
  it('a purpose phrase ends at a verb joined by "or", and the negation reaches that verb', () => {
    const got = tuples('We do not use your contacts for marketing or share them.');
    assert.ok(got.includes('first_party/use/contacts/neg') && got.includes('first_party/share/contacts/neg'), got.join(' '));
  });
  it('a second predicate of the same subject takes its data; "by us" is ours', () => {
    const got = tuples('Your card number is processed by our payment processor and is never stored by us.');
    assert.ok(got.includes('first_party/retain/bank_card/neg'), got.join(' '));
  });
});

describe('extract (en): agents and noun compounds', () => {
  it('"…, not by us" denies our own practice; "stored on our servers" is ours', () => {
    const got = tuples('Payment card numbers are collected by Stripe, not by us.');
    assert.ok(got.includes('stripe/collect/bank_card') && got.includes('first_party/collect/bank_card/neg'), got.join(' '));
    assert.ok(tuples('Card numbers are handled by Adyen and never stored on our servers.').includes('first_party/retain/bank_card/neg'));
  });
  it('"crash logs" is a noun, not a logging verb', () => {
    const got = tuples('We send crash logs, which contain your device model, to our error tracking vendor.');
    assert.ok(got.includes('first_party/share/device_model') && !got.some((t) => t.includes('/collect/')), got.join(' '));
  });
});

describe('extract (en): directions, lead-ins and purpose ends (OPP-115 dev study)', () => {
  it('"provide to us" is our collection even when a third party is named later in the sentence', () => {
    expectExactly('Details you provide to us while you link your account on a third-party platform.', ['first_party/collect/personal_info']);
  });
  it('"provide … to:" leads a list of recipients; a capitalised name after "to" is another party', () => {
    assert.ok(tuples('The museum may provide your information to: (a) a court; (b) an auditor.').includes('first_party/share/personal_info'));
    assert.ok(tuples('We will forward your order information to Nintendo after checkout.').includes('first_party/share/personal_info'));
  });
  it('"the opportunity to provide" is a complement, not a purpose', () => {
    assert.ok(tuples('Our forms give you the opportunity to provide your phone number.').includes('first_party/collect/phone_number'));
  });
  it('a purpose phrase ends at "and may be" + verb: a second predicate of the subject', () => {
    const got = tuples('Your messages may be reviewed as needed to run the forum, and may be disclosed:');
    assert.ok(got.includes('first_party/share/message_content'), got.join(' '));
  });
  it('a prevention marker governs a whole list of verbs', () => {
    assert.deepEqual(tuples('Our firewall blocks unauthorized attempts to view, upload, or alter account data.'), []);
  });
});

describe('extract (en): parties bound by a rule (OPP-115 dev study)', () => {
  it('"these vendors are prohibited from using" binds the vendors, not us; "restricted from" negates', () => {
    assert.deepEqual(tuples('These vendors do not have the right to use your order history for advertising.'), []);
    assert.deepEqual(tuples('Such partners are restricted from using your e-mail address.'), []);
    assert.ok(tuples('We are restricted from selling your phone number.').includes('first_party/sell/phone_number/neg'));
  });
});

describe('extract (en): headings and topics (OPP-115 dev study)', () => {
  it('a title-case line is a heading, not a statement; a sentence after a label still is', () => {
    assert.deepEqual(tuples('What Personal Data the App Collects :'), []);
    assert.ok(tuples('Contact Details: we collect your phone number.').includes('first_party/collect/phone_number'));
  });
  it('practices named as the topic of a framework are not stated', () => {
    assert.deepEqual(tuples('Acme follows the Privacy Shield Principles with regard to the collection, use, and retention of personal data.'), []);
  });
});

describe('extract (en): the reader as subject (OPP-115 dev study)', () => {
  it('"we suggest that you disclose" is the user\'s act, not our sharing', () => {
    assert.deepEqual(tuples('We recommend that you think twice before deciding to disclose your home address in public comments.'), []);
  });
  it('an imperative sentence addresses the reader; "please note that … may be shared" is still ours', () => {
    assert.deepEqual(tuples('Please check the terms of each partner site before sending your phone number to it.'), []);
    assert.ok(tuples('Please be aware that your phone number may be shared with our courier.').includes('first_party/share/phone_number'));
  });
  it('residents and subscribers are users: what they may request is not our collection', () => {
    assert.deepEqual(tuples('Oregon residents may request a list of the categories of data we hold.'), []);
  });
});

describe('extract (en): data-term synonyms (OPP-115 dev study)', () => {
  it('a ZIP code and a billing address are postal addresses; a screen name is an account id', () => {
    expectExactly('We ask for your zip code and billing address at checkout.', ['first_party/collect/postal_address']);
    assert.ok(tuples('Your screen name is shown next to your reviews and stored with them.').includes('first_party/retain/account_id'));
  });
});
