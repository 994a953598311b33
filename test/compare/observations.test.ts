/** compare(): how flows group into observations (found by the scenario suite, cross-border-stays-zh). */
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/index.js';
import { flowGaps } from '../../src/judge/index.js';
import { detection, flow, policy, practice, recipient } from '../helpers/factories.js';

describe('compare: grouping flows into observations', () => {
  const cn = recipient({ host: 'api.example.cn', domain: 'example.cn', country: 'CN' });
  const us = recipient({ host: 'backup.example.cn', domain: 'example.cn', country: 'US' });
  const flows = [
    flow({ index: 0, recipient: cn, host: cn.host, detections: [detection('phone_number', '13812345678')] }),
    flow({ index: 1, recipient: us, host: us.host, detections: [detection('phone_number', '13812345678')] }),
  ];

  it('keeps flows of one domain to servers in different countries apart', () => {
    const observations = compare(flows, policy([practice({ dataType: 'phone_number' })]));
    assert.deepEqual(observations.map((o) => [o.recipient.country, o.flows]), [['CN', [0]], ['US', [1]]]);
  });

  it('so the flow abroad still gives a cross-border gap', () => {
    const p = policy([practice({ dataType: 'phone_number' })]);
    const gaps = flowGaps(compare(flows, p), flows, p, { region: 'CN' }).filter((g) => g.kind === 'undisclosed_cross_border');
    assert.deepEqual(gaps.map((g) => g.flows.map((f) => f.index)), [[1]]);
  });

  it('still groups flows to one recipient in one country', () => {
    const twice = [flows[0]!, { ...flows[0]!, index: 2 }];
    assert.deepEqual(compare(twice, policy()).map((o) => o.flows), [[0, 2]]);
  });
});
