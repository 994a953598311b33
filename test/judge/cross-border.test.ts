/** Cross-border gaps against disclosed transfers that name a destination (found by the scenario suite). */
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/index.js';
import { flowGaps } from '../../src/judge/index.js';
import { detection, flow, policy, practice, recipient } from '../helpers/factories.js';

const usServer = recipient({ host: 'backup.example.cn', domain: 'example.cn', country: 'US' });
const flows = [flow({ index: 0, recipient: usServer, host: usServer.host, detections: [detection('email_address', 'a@example.cn')] })];
const collect = practice({ dataType: 'email_address' });
const transferTo = (place: string | undefined, negated = false) =>
  practice({ action: 'transfer_abroad', dataType: 'email_address', negated, ...(place ? { recipient: place } : {}), evidence: { text: `We transfer your e-mail address to ${place ?? 'other countries'}.`, location: '§3 ¶1' } });

function crossBorder(p: ReturnType<typeof policy>) {
  return flowGaps(compare(flows, p), flows, p, { region: 'CN' }).filter((g) => g.kind === 'undisclosed_cross_border');
}

describe('judge: disclosed transfers and their destination', () => {
  it('a transfer disclosed to Singapore does not cover a server in the US', () => {
    const gaps = crossBorder(policy([collect, transferTo('SG')]));
    assert.equal(gaps.length, 1);
    assert.equal(gaps[0]?.disclosure, 'omitted');
    assert.deepEqual(gaps[0]?.policy.map((e) => e.text), ['We transfer your e-mail address to SG.']);
  });

  it('a transfer disclosed to the US covers it', () => {
    assert.equal(crossBorder(policy([collect, transferTo('US')])).length, 0);
  });

  it('a transfer with no named place covers any destination', () => {
    assert.equal(crossBorder(policy([collect, transferTo(undefined)])).length, 0);
    assert.equal(crossBorder(policy([collect, transferTo('service_provider')])).length, 0);
  });

  it('a data-location statement naming the server\'s country covers it', () => {
    const stored = { element: 'international_transfer', value: 'US', evidence: { text: 'Backups are stored in the United States.', location: '§4 ¶1' } };
    assert.equal(crossBorder(policy([collect], { notice: [stored] })).length, 0);
  });

  it('a denial plus a transfer elsewhere is contradicted, not ambiguous', () => {
    const gaps = crossBorder(policy([collect, transferTo('SG'), transferTo(undefined, true)]));
    assert.equal(gaps[0]?.disclosure, 'contradicted');
    const both = crossBorder(policy([collect, transferTo('US'), transferTo(undefined, true)]));
    assert.equal(both[0]?.disclosure, 'ambiguous');
  });
});
