import { rulePacks } from '../../../src/judge/index.js';
import { flowGap as g, noticeCases } from '../gap-factories.js';
import { accessGap, contactGap } from '../device-gap-factories.js';
import { runRuleCases } from '../rule-tester.js';

const pack = rulePacks().find((p) => p.jurisdiction === 'ccpa')!;

runRuleCases(pack, {
  'ccpa/undisclosed-collection': { invalid: [g('undisclosed_collection', { dataType: 'email_address' })], valid: [g('undisclosed_sharing')] },
  'ccpa/undisclosed-sensitive': {
    invalid: [g('undisclosed_collection', { dataType: 'precise_location' }), g('undisclosed_sharing', { dataType: 'sms' })],
    valid: [g('undisclosed_collection', { dataType: 'imei' }), g('vague_disclosure', { dataType: 'precise_location' })],
  },
  'ccpa/undisclosed-sale-sharing': {
    invalid: [g('undisclosed_sharing', { dataType: 'advertising_id' })],
    valid: [g('undisclosed_collection'), g('undisclosed_sharing', { party: 'first' })],
  },
  'ccpa/contradicted-statement': { invalid: [g('contradicted_statement'), g('ambiguous_disclosure', { party: 'third' })], valid: [g('vague_disclosure')] },
  'ccpa/vague-categories': { invalid: [g('vague_disclosure')], valid: [g('undisclosed_collection')] },
  'ccpa/sensitive-limit-use': {
    invalid: [g('sensitive_without_separate_consent', { dataType: 'precise_location' }), g('sensitive_without_separate_consent', { dataType: 'national_id' })],
    // An IMEI is personal information but not "sensitive personal information" under §1798.140(ae).
    valid: [g('sensitive_without_separate_consent', { dataType: 'imei' }), g('sensitive_without_separate_consent', { dataType: 'payment_info' })],
  },
  'ccpa/reasonable-security': { invalid: [g('insecure_transmission')], valid: [g('collected_before_consent')] },
  'ccpa/notice-data-types': noticeCases('data_types'),
  'ccpa/notice-purposes': noticeCases('purposes'),
  'ccpa/notice-recipients': noticeCases('recipients'),
  'ccpa/notice-retention': noticeCases('retention_period'),
  'ccpa/notice-rights': noticeCases('data_subject_rights'),
  'ccpa/notice-limit-sensitive': noticeCases('sensitive_data_consent'),
  'ccpa/notice-minors': noticeCases('children'),
  'ccpa/notice-contact': noticeCases('controller_contact'),
  'ccpa/notice-date': noticeCases('policy_date'),
  'ccpa/undisclosed-data-access': { invalid: [accessGap('undisclosed_data_access')], valid: [accessGap('vague_data_access')] },
  'ccpa/contradicted-data-access': { invalid: [accessGap('contradicted_data_access')], valid: [accessGap('undisclosed_data_access')] },
  'ccpa/undisclosed-recipient-contact': { invalid: [contactGap('undisclosed_recipient_contact', 'app')], valid: [contactGap('undisclosed_recipient_contact', 'content')] },
});
