import assert from 'node:assert/strict';
import { EVIDENCE_PER_PAIR, FlowGrouper, compare } from '../../src/compare/index.js';
import { detection, flow, policy, practice, recipient } from '../helpers/factories.js';

describe('compare: grouping flows as they stream', () => {
  it('keeps only a bounded number of flows per pair as evidence, and counts them all', () => {
    const grouper = new FlowGrouper();
    let kept = 0;
    for (let i = 0; i < 1000; i++) {
      if (grouper.add(flow({ index: i, cleartext: i >= 990, detections: [detection('imei')] }))) kept++;
    }
    // The first EVIDENCE_PER_PAIR flows, plus the clear-text ones (only 10 here).
    assert.equal(kept, EVIDENCE_PER_PAIR + 10);
    const [group] = grouper.groups();
    assert.equal(group?.flowCount, 1000);
    assert.equal(group?.flowIndexes.length, 1000);
    assert.equal(group?.cleartext, true);
    assert.equal(grouper.dataTypeFlows.imei, 1000);
  });

  it('flows without personal data are never kept', () => {
    const grouper = new FlowGrouper();
    assert.equal(grouper.add(flow({ index: 0, detections: [] })), false);
    assert.deepEqual(grouper.groups(), []);
  });

  it('splits pairs by data type, recipient and server country', () => {
    const flows = [
      flow({ index: 0, detections: [detection('imei'), detection('phone_number', '13812345678')] }),
      flow({ index: 1, detections: [detection('imei')], recipient: recipient({ country: 'US' }) }),
    ];
    const observations = compare(flows, policy([practice()]));
    assert.equal(observations.length, 3);
    assert.deepEqual(observations.map((o) => o.flowCount), [1, 1, 1]);
  });
});
