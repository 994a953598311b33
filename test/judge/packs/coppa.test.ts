import { rulePacks } from '../../../src/judge/index.js';
import { flowGap as g, noticeCases } from '../gap-factories.js';
import { accessGap, contactGap } from '../device-gap-factories.js';
import { runRuleCases } from '../rule-tester.js';

const pack = rulePacks().find((p) => p.jurisdiction === 'coppa')!;

runRuleCases(pack, {
  'coppa/undisclosed-collection': { invalid: [g('undisclosed_collection')], valid: [g('undisclosed_sharing')] },
  'coppa/undisclosed-third-party': { invalid: [g('undisclosed_sharing', { dataType: 'name' })], valid: [g('undisclosed_collection'), g('undisclosed_sharing', { party: 'first' })] },
  'coppa/persistent-identifier-third-party': {
    invalid: [
      g('undisclosed_sharing', { dataType: 'advertising_id' }),
      g('vague_disclosure', { dataType: 'cookie_id', party: 'third' }),
      g('undisclosed_sharing', { dataType: 'ip_address' }),
    ],
    valid: [g('undisclosed_sharing', { dataType: 'phone_number' }), g('vague_disclosure', { dataType: 'advertising_id', party: 'first' })],
  },
  'coppa/before-parental-consent': { invalid: [g('collected_before_consent')], valid: [g('undisclosed_collection')] },
  'coppa/unclear-notice': { invalid: [g('vague_disclosure'), g('contradicted_statement')], valid: [g('undisclosed_collection')] },
  'coppa/security': { invalid: [g('insecure_transmission')], valid: [g('collected_before_consent')] },
  'coppa/notice-children': noticeCases('children'),
  'coppa/notice-operator': noticeCases('controller_identity'),
  'coppa/notice-operator-contact': noticeCases('controller_contact'),
  'coppa/notice-data-types': noticeCases('data_types'),
  'coppa/notice-parental-rights': noticeCases('data_subject_rights'),
  'coppa/notice-retention': noticeCases('retention_period'),
  'coppa/undisclosed-data-access': { invalid: [accessGap('undisclosed_data_access')], valid: [accessGap('contradicted_data_access')] },
});
