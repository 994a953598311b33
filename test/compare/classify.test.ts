import assert from 'node:assert/strict';
import { classify } from '../../src/compare/index.js';
import type { DisclosureClass } from '../../src/model/finding.js';
import type { Recipient } from '../../src/model/flow.js';
import type { Practice } from '../../src/model/practice.js';
import { practice, recipient, umeng } from '../helpers/factories.js';

interface Case {
  name: string;
  practices: Practice[];
  dataType: string;
  to: Recipient;
  expect: DisclosureClass;
}

const first = recipient();
const ads = recipient({ host: 'ads.example.net', domain: 'example.net', party: 'third', category: 'advertiser' });

const cases: Case[] = [
  { name: 'exact first-party collection is clear', practices: [practice()], dataType: 'imei', to: first, expect: 'clear' },
  { name: 'a narrower statement covers the parent type clearly', practices: [practice({ dataType: 'imei' })], dataType: 'device_id', to: first, expect: 'clear' },
  { name: 'only "device information" is vague for the IMEI', practices: [practice({ dataType: 'device_info' }), practice({ dataType: 'device_id' })], dataType: 'imei', to: first, expect: 'vague' },
  { name: 'only "personal information" is vague', practices: [practice({ dataType: 'personal_info' })], dataType: 'contacts', to: first, expect: 'vague' },
  { name: 'nothing about contacts is omitted', practices: [practice(), practice({ dataType: 'phone_number' })], dataType: 'contacts', to: first, expect: 'omitted' },
  { name: 'first-party collection does not disclose sharing', practices: [practice()], dataType: 'imei', to: umeng(), expect: 'omitted' },
  { name: 'a named SDK collecting the type is clear', practices: [practice({ actor: 'analytics_provider', organization: 'umeng' })], dataType: 'imei', to: umeng(), expect: 'clear' },
  { name: 'naming the parent group covers its subsidiary only vaguely', practices: [practice({ actor: 'service_provider', organization: 'alibaba' })], dataType: 'imei', to: umeng(), expect: 'vague' },
  { name: 'another named SDK does not cover it', practices: [practice({ actor: 'analytics_provider', organization: 'google' })], dataType: 'imei', to: umeng(), expect: 'omitted' },
  { name: 'sharing with the right category is clear', practices: [practice({ action: 'share', recipient: 'advertiser', dataType: 'advertising_id' })], dataType: 'advertising_id', to: ads, expect: 'clear' },
  { name: 'sharing with "third parties" is vague', practices: [practice({ action: 'share', recipient: 'third_party', dataType: 'advertising_id' })], dataType: 'advertising_id', to: ads, expect: 'vague' },
  { name: 'sharing with another category is omitted', practices: [practice({ action: 'share', recipient: 'payment_provider', dataType: 'advertising_id' })], dataType: 'advertising_id', to: ads, expect: 'omitted' },
  { name: 'a negated share contradicts', practices: [practice({ action: 'share', recipient: 'advertiser', dataType: 'email_address', negated: true })], dataType: 'email_address', to: ads, expect: 'contradicted' },
  { name: 'a broad negation contradicts too', practices: [practice({ action: 'share', recipient: 'third_party', dataType: 'personal_info', negated: true })], dataType: 'imei', to: ads, expect: 'contradicted' },
  { name: 'positive and negative together are ambiguous', practices: [practice({ action: 'share', recipient: 'advertiser', dataType: 'imei' }), practice({ action: 'share', recipient: 'third_party', dataType: 'personal_info', negated: true })], dataType: 'imei', to: ads, expect: 'ambiguous' },
  { name: '"we do not sell" does not speak of sharing', practices: [practice({ action: 'sell', recipient: 'third_party', dataType: 'personal_info', negated: true }), practice({ action: 'share', recipient: 'advertiser', dataType: 'imei' })], dataType: 'imei', to: ads, expect: 'clear' },
];

describe('compare: disclosure classes', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(classify(c.practices, c.dataType, c.to).disclosure, c.expect);
    });
  }

  it('carries the condition of the covering statement', () => {
    const result = classify([practice({ dataType: 'precise_location', condition: 'separate_consent' })], 'precise_location', first);
    assert.equal(result.disclosure, 'clear');
    assert.equal(result.condition, 'separate_consent');
  });
});

describe('compare: what does not count as disclosure', () => {
  it('a broad storage-location statement does not disclose collecting a specific type', () => {
    const stored = practice({ action: 'retain', dataType: 'personal_info', evidence: { text: 'Your data is stored in the EU.', location: '§7 ¶1' } });
    assert.equal(classify([stored], 'contacts', recipient()).disclosure, 'omitted');
    assert.equal(classify([practice({ action: 'retain', dataType: 'contacts' })], 'contacts', recipient()).disclosure, 'clear');
  });

  it('statements about children\'s data are left out', () => {
    const kids = practice({ dataType: 'personal_info', negated: true, dataSubject: 'children' });
    assert.equal(classify([kids, practice()], 'imei', recipient()).disclosure, 'clear');
  });
});
