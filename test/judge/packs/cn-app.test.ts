import { rulePacks } from '../../../src/judge/index.js';
import { flowGap as g, noticeCases } from '../gap-factories.js';
import { accessGap, contactGap } from '../device-gap-factories.js';
import { runRuleCases } from '../rule-tester.js';

const pack = rulePacks().find((p) => p.jurisdiction === 'cn-app')!;
const beyond = (dataType: string, party: 'first' | 'third' = 'first') => g('beyond_necessary', { dataType, party, facts: { appCategory: 'online-games' } });

runRuleCases(pack, {
  'cn-app/no-collection-rules': noticeCases('data_types'),
  'cn-app/purposes-not-listed': noticeCases('purposes'),
  'cn-app/sdk-not-listed': noticeCases('sdk_list'),
  'cn-app/undisclosed-collection': { invalid: [g('undisclosed_collection', { dataType: 'contacts' })], valid: [g('undisclosed_sharing')] },
  'cn-app/vague-scope': { invalid: [g('vague_disclosure', { dataType: 'imsi' })], valid: [g('undisclosed_collection')] },
  'cn-app/sensitive-purpose': {
    invalid: [g('undisclosed_collection', { dataType: 'national_id' }), g('vague_disclosure', { dataType: 'bank_card' }), g('undisclosed_sharing', { dataType: 'contacts' })],
    valid: [g('undisclosed_collection', { dataType: 'imei' }), g('sensitive_without_separate_consent', { dataType: 'national_id' })],
  },
  'cn-app/before-consent': { invalid: [g('collected_before_consent', { dataType: 'android_id' })], valid: [g('undisclosed_collection')] },
  'cn-app/against-stated-rules': { invalid: [g('contradicted_statement'), g('ambiguous_disclosure')], valid: [g('vague_disclosure')] },
  'cn-app/unrelated-collection': { invalid: [beyond('imei'), beyond('precise_location')], valid: [beyond('imei', 'third'), g('undisclosed_collection')] },
  'cn-app/third-party-without-consent': {
    invalid: [g('undisclosed_sharing', { dataType: 'advertising_id' })],
    valid: [g('undisclosed_collection'), g('vague_disclosure', { party: 'third' })],
  },
  'cn-app/no-correction-deletion': noticeCases('data_subject_rights'),
  'cn-app/no-complaint-channel': noticeCases('complaint_right'),
  'cn-app/data-location-against-stated-rules': { invalid: [g('contradicted_data_location', { facts: { promisedLocation: 'EU' } })], valid: [g('undisclosed_cross_border'), g('contradicted_statement')] },
  'cn-app/undisclosed-data-access': { invalid: [accessGap('undisclosed_data_access')], valid: [accessGap('contradicted_data_access')] },
  'cn-app/sensitive-data-access-vague': { invalid: [accessGap('vague_data_access', 'contacts'), accessGap('undisclosed_data_access', 'camera')], valid: [accessGap('vague_data_access', 'calendar')] },
  'cn-app/contradicted-data-access': { invalid: [accessGap('contradicted_data_access')], valid: [accessGap('vague_data_access')] },
  'cn-app/undisclosed-recipient-contact': { invalid: [contactGap('undisclosed_recipient_contact', 'app')], valid: [contactGap('undisclosed_recipient_contact', 'content')] },
  'cn-app/undisclosed-recipient-contact-unknown-initiator': { invalid: [contactGap('undisclosed_recipient_contact', 'unknown')], valid: [contactGap('undisclosed_recipient_contact', 'app')] },
});
