import { rulePacks } from '../../../src/judge/index.js';
import { flowGap as g, noticeCases } from '../gap-factories.js';
import { accessGap, contactGap } from '../device-gap-factories.js';
import { runRuleCases } from '../rule-tester.js';

const pack = rulePacks().find((p) => p.jurisdiction === 'gbt35273')!;

runRuleCases(pack, {
  'gbt35273/undisclosed-collection': { invalid: [g('undisclosed_collection')], valid: [g('undisclosed_sharing')] },
  'gbt35273/vague-types': { invalid: [g('vague_disclosure')], valid: [g('undisclosed_collection')] },
  'gbt35273/against-stated-rules': { invalid: [g('contradicted_statement'), g('ambiguous_disclosure')], valid: [g('vague_disclosure')] },
  'gbt35273/sensitive-explicit-consent': {
    invalid: [g('sensitive_without_separate_consent', { dataType: 'contacts' }), g('sensitive_without_separate_consent', { dataType: 'call_log' })],
    valid: [g('sensitive_without_separate_consent', { dataType: 'imei' })],
  },
  'gbt35273/biometric-separate-notice': {
    invalid: [g('sensitive_without_separate_consent', { dataType: 'biometric' })],
    valid: [g('sensitive_without_separate_consent', { dataType: 'health' }), g('undisclosed_collection', { dataType: 'biometric' })],
  },
  'gbt35273/before-consent': { invalid: [g('collected_before_consent')], valid: [g('undisclosed_collection')] },
  'gbt35273/minimum-necessary': {
    invalid: [g('beyond_necessary', { facts: { appCategory: 'news' } })],
    valid: [g('undisclosed_collection'), g('beyond_necessary', { party: 'third' })],
  },
  'gbt35273/undisclosed-sharing': { invalid: [g('undisclosed_sharing')], valid: [g('undisclosed_collection')] },
  'gbt35273/sensitive-sharing': {
    invalid: [g('undisclosed_sharing', { dataType: 'national_id' }), g('vague_disclosure', { dataType: 'health', party: 'third' })],
    valid: [g('undisclosed_sharing', { dataType: 'imei' }), g('vague_disclosure', { dataType: 'health', party: 'first' })],
  },
  'gbt35273/cross-border': { invalid: [g('undisclosed_cross_border')], valid: [g('insecure_transmission')] },
  'gbt35273/sensitive-encryption': {
    invalid: [g('insecure_transmission', { dataType: 'national_id' }), g('insecure_transmission', { dataType: 'precise_location' })],
    valid: [g('insecure_transmission', { dataType: 'imei' }), g('undisclosed_collection', { dataType: 'national_id' })],
  },
  'gbt35273/notice-controller-identity': noticeCases('controller_identity'),
  'gbt35273/notice-controller-contact': noticeCases('controller_contact'),
  'gbt35273/notice-data-types': noticeCases('data_types'),
  'gbt35273/notice-purposes': noticeCases('purposes'),
  'gbt35273/notice-retention': noticeCases('retention_period'),
  'gbt35273/notice-cross-border': noticeCases('international_transfer'),
  'gbt35273/notice-recipients': noticeCases('recipients'),
  'gbt35273/notice-rights': noticeCases('data_subject_rights'),
  'gbt35273/notice-security': noticeCases('security_measures'),
  'gbt35273/notice-complaints': noticeCases('complaint_right'),
  'gbt35273/notice-sdk': noticeCases('sdk_list'),
  'gbt35273/notice-minors': noticeCases('children'),
  'gbt35273/data-location-against-stated-rules': { invalid: [g('contradicted_data_location', { facts: { promisedLocation: 'EU' } })], valid: [g('undisclosed_cross_border'), g('contradicted_statement')] },
  'gbt35273/undisclosed-data-access': { invalid: [accessGap('undisclosed_data_access')], valid: [accessGap('vague_data_access')] },
  'gbt35273/undisclosed-recipient-contact': { invalid: [contactGap('undisclosed_recipient_contact', 'app')], valid: [contactGap('undisclosed_recipient_contact', 'content')] },
});
