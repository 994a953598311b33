import { rulePacks } from '../../../src/judge/index.js';
import { flowGap as g } from '../gap-factories.js';
import { runRuleCases } from '../rule-tester.js';

const pack = rulePacks().find((p) => p.jurisdiction === 'cn-necessary')!;
const beyond = (dataType: string) => g('beyond_necessary', { dataType, facts: { appCategory: 'news' } });

runRuleCases(pack, {
  'cn-necessary/beyond-necessary': {
    invalid: [beyond('imei'), beyond('installed_apps')],
    valid: [beyond('contacts'), g('undisclosed_collection', { dataType: 'imei' })],
  },
  'cn-necessary/beyond-necessary-sensitive': {
    invalid: [beyond('contacts'), beyond('national_id'), beyond('precise_location')],
    valid: [beyond('imei'), g('undisclosed_collection', { dataType: 'contacts' })],
  },
});
