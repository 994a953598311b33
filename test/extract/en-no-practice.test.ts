/**
 * English sentences that state no practice (issue 14): refusal consequences, rights and deletion
 * requests, tables of contents, definitions, lists of policy changes; and purpose limits set for a
 * partner, which only tell that the partner was given the data.
 */
import assert from 'node:assert/strict';
import { extractFromSentence } from '../../src/extract/index.js';

const tuples = (text: string) => extractFromSentence(text, 'en', '§1 ¶1')
  .map((p) => `${p.organization ?? p.actor}/${p.action}/${p.dataType}${p.negated ? '/neg' : ''}${p.recipient ? `>${p.recipient}` : ''}`);

describe('extract (en): sentences that state no practice', () => {
  for (const text of [
    // refusal consequences without the data named
    'If you do not provide the requested information, we may not be able to complete your order.',
    'Should you refuse to provide it, some parts of the service will not be available.',
    // rights and deletion
    'You can ask us to stop using your e-mail address for marketing.',
    'You may request that we delete the information we hold about you at any time.',
    'You have the right to object to our processing of your location data.',
    'To request deletion of your account and associated information, write to our privacy team.',
    // tables of contents
    '1. Information we collect 2. How we use information 3. Sharing your information 4. Your choices',
    'Protecting the security of personal information Where we store and process information Changes to this statement How to contact us',
    // definitions
    'A data processor is a person or entity that processes personal information on behalf of a controller.',
    // lists of policy changes
    'Changes in this version: we now describe the data shared with our payment processor and the retention of crash logs.',
    'In this update we clarified how we share your e-mail address with our newsletter provider.',
    'We updated the section on location data and added a list of our analytics providers.',
  ]) it(text, () => assert.deepEqual(tuples(text), []));

  it('a refusal that names the data still tells that the app asks for it', () => {
    assert.ok(tuples('If you do not allow the app to access your camera, you will not be able to scan receipts.').includes('first_party/collect/camera'));
  });

  it('a right stated beside a practice keeps the practice', () => {
    const got = tuples('You can opt out at any time, but by default we share your usage statistics with our analytics vendor.');
    assert.ok(got.some((t) => t.startsWith('first_party/share/usage_data')), got.join(' '));
  });

  it('a heading in title case that is one title is no table of contents', () => {
    assert.deepEqual(tuples('How We Use Personal Information We may use Personal Information : to respond to your inquiries ;').filter((t) => t.includes('/use/')).length > 0, true);
  });
});

describe('extract (en): purpose limits set for partners', () => {
  it('"partners may not use it for other purposes" is no negated use of theirs, but tells they were given it', () => {
    const got = tuples('Our service providers may not use your contact details for any other purpose.');
    assert.deepEqual(got, ['first_party/share/contact_info>service_provider']);
  });

  it('"not permitted to use it for their own marketing" binds the named party', () => {
    const got = tuples('Stripe is not permitted to use your card number for its own marketing.');
    assert.deepEqual(got, ['first_party/share/bank_card>stripe']);
  });

  it('an outright prohibition of an act stays a promise a capture can contradict', () => {
    assert.ok(tuples('Our analytics vendors are contractually prohibited from collecting your e-mail address.').includes('analytics_provider/collect/email_address/neg'));
  });
});
