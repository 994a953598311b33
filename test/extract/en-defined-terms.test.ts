/** Data names an English policy defines ('… (collectively, "Device Data")') and uses alone later. */
import assert from 'node:assert/strict';
import { extractPolicy } from '../../src/extract/index.js';
import { definitionsIn } from '../../src/extract/defined-terms-en.js';

function practicesOf(paragraphs: string[]): string[] {
  const doc = { source: 't', format: 'text' as const, language: 'en' as const, blocks: paragraphs.map((text, i) => ({ kind: 'paragraph' as const, text, section: [], location: `¶${i}` })) };
  return extractPolicy(doc, { classifier: false }).practices.map((p) => `${p.evidence.location} ${p.actor}/${p.action}/${p.dataType}${p.negated ? '/neg' : ''}`);
}

describe('extract (en): data names a policy defines', () => {
  it('a collective name stands for the nearest type covering its list', () => {
    assert.deepEqual(definitionsIn('We read your phone\'s model, operating system version and mobile carrier (collectively, "Handset Details").'), [['handset details', 'device_info']]);
  });

  it('a bare name stands for the data right before it', () => {
    assert.deepEqual(definitionsIn('We may ask for your home address ("Delivery Location") when you order.'), [['delivery location', 'postal_address']]);
  });

  it('a parenthesis that names no data defines nothing', () => {
    assert.deepEqual(definitionsIn('Example Ltd ("the Company") runs the service.'), []);
    assert.deepEqual(definitionsIn('Residents of the European Economic Area ("EEA") have further rights over their personal data.'), []);
  });

  it('a name for the service or its parts is no data name, whatever words come before it', () => {
    assert.deepEqual(definitionsIn('This policy covers our web sites and other applications (collectively, the "Example Services").'), []);
  });

  it('later sentences that use the name alone state a practice with that data', () => {
    const got = practicesOf([
      'When you install the app we read your phone\'s model, operating system version and mobile carrier (collectively, "Handset Details").',
      'We share Handset Details with our analytics providers.',
      'We may ask for your home address ("Delivery Location") when you order.',
      'The Delivery Location is passed to the courier.',
    ]);
    assert.ok(got.includes('¶1 first_party/share/device_info'), got.join('\n'));
    assert.ok(got.includes('¶3 first_party/share/postal_address'), got.join('\n'));
    // The name's own words ("location") are no second data type in the defining sentence.
    assert.ok(!got.some((t) => t.startsWith('¶2') && t.endsWith('/location')), got.join('\n'));
  });
});
