import { rulePacks } from '../../../src/judge/index.js';
import { flowGap as g, noticeCases } from '../gap-factories.js';
import { accessGap, contactGap } from '../device-gap-factories.js';
import { runRuleCases } from '../rule-tester.js';

const pack = rulePacks().find((p) => p.jurisdiction === 'pipl')!;

runRuleCases(pack, {
  'pipl/undisclosed-collection': { invalid: [g('undisclosed_collection')], valid: [g('undisclosed_sharing'), g('vague_disclosure')] },
  'pipl/undisclosed-sharing': { invalid: [g('undisclosed_sharing', { dataType: 'contacts' })], valid: [g('undisclosed_collection')] },
  'pipl/contradicted-statement': { invalid: [g('contradicted_statement'), g('ambiguous_disclosure')], valid: [g('vague_disclosure')] },
  'pipl/vague-notice': { invalid: [g('vague_disclosure')], valid: [g('undisclosed_collection')] },
  'pipl/sensitive-separate-consent': {
    invalid: [g('sensitive_without_separate_consent', { dataType: 'national_id' }), g('sensitive_without_separate_consent', { dataType: 'bank_card' })],
    valid: [g('sensitive_without_separate_consent', { dataType: 'imei' }), g('undisclosed_collection', { dataType: 'national_id' })],
  },
  'pipl/cross-border-notice': { invalid: [g('undisclosed_cross_border', { facts: { country: 'US' } })], valid: [g('insecure_transmission')] },
  'pipl/security-measures': { invalid: [g('insecure_transmission')], valid: [g('undisclosed_cross_border')] },
  'pipl/before-consent': { invalid: [g('collected_before_consent')], valid: [g('undisclosed_collection')] },
  'pipl/notice-controller-identity': noticeCases('controller_identity'),
  'pipl/notice-controller-contact': noticeCases('controller_contact'),
  'pipl/notice-purposes': noticeCases('purposes'),
  'pipl/notice-data-types': noticeCases('data_types'),
  'pipl/notice-retention': noticeCases('retention_period'),
  'pipl/notice-rights': noticeCases('data_subject_rights'),
  'pipl/notice-cross-border': noticeCases('international_transfer'),
  'pipl/notice-minors': noticeCases('children'),
  'pipl/notice-sensitive': noticeCases('sensitive_data_consent'),
  'pipl/notice-officer': noticeCases('dpo_contact'),
  'pipl/data-location-contradicted': { invalid: [g('contradicted_data_location', { facts: { promisedLocation: 'EU' } })], valid: [g('undisclosed_cross_border'), g('contradicted_statement')] },
  'pipl/undisclosed-data-access': { invalid: [accessGap('undisclosed_data_access')], valid: [accessGap('vague_data_access')] },
  'pipl/contradicted-data-access': { invalid: [accessGap('contradicted_data_access')], valid: [accessGap('undisclosed_data_access')] },
  'pipl/undisclosed-recipient-contact': { invalid: [contactGap('undisclosed_recipient_contact', 'app')], valid: [contactGap('undisclosed_recipient_contact', 'content')] },
  'pipl/undisclosed-recipient-contact-unknown-initiator': { invalid: [contactGap('undisclosed_recipient_contact', 'unknown')], valid: [contactGap('undisclosed_recipient_contact', 'content')] },
  'pipl/contradicted-recipient-contact': { invalid: [contactGap('contradicted_recipient_contact')], valid: [contactGap('undisclosed_recipient_contact')] },
  'pipl/contact-outside-stated-location': { invalid: [contactGap('contact_outside_stated_location', 'app', { country: 'US', countrySource: 'server' })], valid: [contactGap('contact_outside_stated_location', 'app', { country: 'US', countrySource: 'organization' })] },
  'pipl/contact-established-outside-stated-location': { invalid: [contactGap('contact_outside_stated_location', 'app', { country: 'US', countrySource: 'organization' })], valid: [contactGap('contradicted_recipient_contact')] },
});
