/**
 * English third-party practices of issue 14: what is shown to other users or the public, third parties
 * that collect for themselves, social login, payment providers, the direction of giving verbs.
 */
import assert from 'node:assert/strict';
import { extractFromSentence } from '../../src/extract/index.js';

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
