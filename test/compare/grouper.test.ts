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

describe('compare: a recipient located after its first flow', () => {
  it('joins the pair of the flows located at once (no second observation for the same server)', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { observeCaptures } = await import('../../src/observe/index.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'privdiff-late-'));
    try {
      const file = path.join(dir, 'flows.jsonl');
      const request = (time: string, serverIp?: string) => JSON.stringify({
        time, protocol: 'http', host: 'api.late.example', method: 'GET',
        url: 'http://api.late.example/t?imei=861234567890127', ...(serverIp ? { serverIp } : {}),
      });
      writeFileSync(file, [
        request('2026-01-01T00:00:00Z'), // no address, and no DNS answer yet
        JSON.stringify({ time: '2026-01-01T00:00:01Z', protocol: 'dns', host: 'api.late.example', dns: { query: 'api.late.example', type: 'A', answers: ['157.240.20.19'] } }),
        request('2026-01-01T00:00:02Z', '157.240.20.19'),
      ].join('\n'));
      const grouper = new FlowGrouper();
      await observeCaptures([file], { identifiers: { imei: '861234567890127' }, destinations: { firstPartyDomains: [] }, keep: (f) => grouper.add(f) });
      const groups = grouper.groups().filter((g) => g.dataType === 'imei');
      assert.equal(groups.length, 1, JSON.stringify(groups.map((g) => g.recipient)));
      assert.equal(groups[0]!.recipient.country, 'US');
      assert.equal(groups[0]!.flowCount, 2);
      assert.deepEqual(groups[0]!.flowIndexes, [0, 2]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
