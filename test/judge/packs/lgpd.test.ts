import { rulePacks } from '../../../src/judge/index.js';
import { flowGap as g, noticeCases } from '../gap-factories.js';
import { accessGap, contactGap } from '../device-gap-factories.js';
import { runRuleCases } from '../rule-tester.js';

const pack = rulePacks().find((p) => p.jurisdiction === 'lgpd')!;

runRuleCases(pack, {
  'lgpd/undisclosed-collection': { invalid: [g('undisclosed_collection')], valid: [g('undisclosed_sharing')] },
  'lgpd/undisclosed-shared-use': { invalid: [g('undisclosed_sharing')], valid: [g('undisclosed_collection')] },
  'lgpd/misleading-information': { invalid: [g('contradicted_statement'), g('ambiguous_disclosure')], valid: [g('vague_disclosure')] },
  'lgpd/generic-authorisation': { invalid: [g('vague_disclosure')], valid: [g('contradicted_statement')] },
  'lgpd/sensitive-specific-consent': {
    invalid: [g('sensitive_without_separate_consent', { dataType: 'health' })],
    // Art. 5, II lists no ID numbers or bank data among sensitive personal data.
    valid: [g('sensitive_without_separate_consent', { dataType: 'national_id' }), g('sensitive_without_separate_consent', { dataType: 'bank_card' })],
  },
  'lgpd/international-transfer': { invalid: [g('undisclosed_cross_border')], valid: [g('insecure_transmission')] },
  'lgpd/security': { invalid: [g('insecure_transmission')], valid: [g('undisclosed_cross_border')] },
  'lgpd/before-consent': { invalid: [g('collected_before_consent')], valid: [g('insecure_transmission')] },
  'lgpd/notice-purposes': noticeCases('purposes'),
  'lgpd/notice-retention': noticeCases('retention_period'),
  'lgpd/notice-controller-identity': noticeCases('controller_identity'),
  'lgpd/notice-controller-contact': noticeCases('controller_contact'),
  'lgpd/notice-shared-use': noticeCases('recipients'),
  'lgpd/notice-rights': noticeCases('data_subject_rights'),
  'lgpd/notice-petition-anpd': noticeCases('complaint_right'),
  'lgpd/notice-encarregado': noticeCases('dpo_contact'),
  'lgpd/notice-international-transfer': noticeCases('international_transfer'),
  'lgpd/notice-children': noticeCases('children'),
  'lgpd/notice-sensitive': noticeCases('sensitive_data_consent'),
  'lgpd/data-location-misleading': { invalid: [g('contradicted_data_location', { facts: { promisedLocation: 'EU' } })], valid: [g('undisclosed_cross_border'), g('contradicted_statement')] },
  'lgpd/undisclosed-data-access': { invalid: [accessGap('undisclosed_data_access')], valid: [accessGap('vague_data_access')] },
  'lgpd/contradicted-data-access': { invalid: [accessGap('contradicted_data_access')], valid: [accessGap('undisclosed_data_access')] },
  'lgpd/undisclosed-recipient-contact': { invalid: [contactGap('undisclosed_recipient_contact', 'app')], valid: [contactGap('undisclosed_recipient_contact', 'content')] },
});
