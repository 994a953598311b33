import { rulePacks } from '../../../src/judge/index.js';
import { flowGap as g, noticeCases } from '../gap-factories.js';
import { accessGap, contactGap } from '../device-gap-factories.js';
import { runRuleCases } from '../rule-tester.js';

const pack = rulePacks().find((p) => p.jurisdiction === 'gdpr')!;

runRuleCases(pack, {
  'gdpr/undisclosed-collection': { invalid: [g('undisclosed_collection')], valid: [g('undisclosed_sharing')] },
  'gdpr/undisclosed-recipients': { invalid: [g('undisclosed_sharing', { dataType: 'advertising_id' })], valid: [g('undisclosed_collection')] },
  'gdpr/contradicted-statement': { invalid: [g('contradicted_statement'), g('ambiguous_disclosure')], valid: [g('vague_disclosure')] },
  'gdpr/vague-notice': { invalid: [g('vague_disclosure')], valid: [g('contradicted_statement')] },
  'gdpr/special-categories': {
    invalid: [g('sensitive_without_separate_consent', { dataType: 'health' }), g('sensitive_without_separate_consent', { dataType: 'biometric' })],
    // Precise location is sensitive under PIPL, not a special category under Art. 9.
    valid: [g('sensitive_without_separate_consent', { dataType: 'precise_location' }), g('undisclosed_collection', { dataType: 'health' })],
  },
  'gdpr/third-country-transfer': { invalid: [g('undisclosed_cross_border')], valid: [g('insecure_transmission')] },
  'gdpr/security-of-processing': { invalid: [g('insecure_transmission')], valid: [g('collected_before_consent')] },
  'gdpr/before-consent': { invalid: [g('collected_before_consent')], valid: [g('insecure_transmission')] },
  'gdpr/notice-controller-identity': noticeCases('controller_identity'),
  'gdpr/notice-controller-contact': noticeCases('controller_contact'),
  'gdpr/notice-dpo': noticeCases('dpo_contact'),
  'gdpr/notice-purposes': noticeCases('purposes'),
  'gdpr/notice-legal-basis': noticeCases('legal_basis'),
  'gdpr/notice-recipients': noticeCases('recipients'),
  'gdpr/notice-transfers': noticeCases('international_transfer'),
  'gdpr/notice-retention': noticeCases('retention_period'),
  'gdpr/notice-rights': noticeCases('data_subject_rights'),
  'gdpr/notice-complaint': noticeCases('complaint_right'),
  'gdpr/data-location-contradicted': { invalid: [g('contradicted_data_location', { facts: { promisedLocation: 'EU' } })], valid: [g('undisclosed_cross_border'), g('contradicted_statement')] },
  'gdpr/undisclosed-data-access': { invalid: [accessGap('undisclosed_data_access'), accessGap('undisclosed_data_access', 'camera')], valid: [accessGap('vague_data_access'), g('undisclosed_collection')] },
  'gdpr/contradicted-data-access': { invalid: [accessGap('contradicted_data_access'), accessGap('contradicted_data_access', 'media', 'ambiguous')], valid: [accessGap('undisclosed_data_access')] },
  'gdpr/vague-data-access': { invalid: [accessGap('vague_data_access')], valid: [accessGap('undisclosed_data_access')] },
  'gdpr/undisclosed-recipient-contact': { invalid: [contactGap('undisclosed_recipient_contact', 'app')], valid: [contactGap('undisclosed_recipient_contact', 'content'), contactGap('undisclosed_recipient_contact', 'unknown')] },
  'gdpr/undisclosed-recipient-contact-unknown-initiator': { invalid: [contactGap('undisclosed_recipient_contact', 'unknown')], valid: [contactGap('undisclosed_recipient_contact', 'app')] },
  'gdpr/undisclosed-recipient-content': { invalid: [contactGap('undisclosed_recipient_contact', 'content')], valid: [contactGap('undisclosed_recipient_contact', 'app')] },
  'gdpr/contradicted-recipient-contact': { invalid: [contactGap('contradicted_recipient_contact')], valid: [contactGap('undisclosed_recipient_contact')] },
  'gdpr/contact-outside-stated-location': { invalid: [contactGap('contact_outside_stated_location', 'app', { country: 'CN', countrySource: 'server' })], valid: [contactGap('contact_outside_stated_location', 'app', { country: 'CN', countrySource: 'organization' })] },
  'gdpr/contact-established-outside-stated-location': { invalid: [contactGap('contact_outside_stated_location', 'app', { country: 'CN', countrySource: 'organization' })], valid: [contactGap('contact_outside_stated_location', 'app', { country: 'CN', countrySource: 'server' })] },
});
