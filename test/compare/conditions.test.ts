/** The condition an observation carries (found by the scenario suite, sensitive-consent-elsewhere-zh). */
import assert from 'node:assert/strict';
import { classify } from '../../src/compare/index.js';
import { practice, recipient } from '../helpers/factories.js';

describe('compare: conditions of covering statements', () => {
  const first = recipient();
  const collect = practice({ dataType: 'precise_location' });
  const separately = practice({ action: 'use', dataType: 'precise_location', condition: 'separate_consent', evidence: { text: 'We process precise location only with your separate consent.', location: '§2 ¶1' } });

  it('separate consent stated in another covering statement holds for the observation', () => {
    const result = classify([collect, separately], 'precise_location', first);
    assert.equal(result.disclosure, 'clear');
    assert.equal(result.condition, 'separate_consent');
  });

  it('a statement that only broadly covers the type does not lend its condition to an exact one', () => {
    const broad = practice({ dataType: 'personal_info', condition: 'separate_consent' });
    assert.equal(classify([collect, broad], 'precise_location', first).condition, undefined);
  });

  it('without any consent statement there is no condition', () => {
    assert.equal(classify([collect], 'precise_location', first).condition, undefined);
  });
});
