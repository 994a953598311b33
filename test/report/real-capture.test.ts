/**
 * Issue 15 points 6 and 7 on a real capture (../shared/data, read in place): a Chinese policy and an
 * Android first-run HAR gave 34 findings, one per (data type × host), each quoting the same sentences,
 * and flow #15 to notify.bugsnag.com was listed under sessions.bugsnag.com.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { analyse } from '../../src/pipeline.js';
import { validate } from '../../src/vocab/schemas.js';

const DATA = '../shared/data';
const POLICY = `${DATA}/policies/zh/capp130/original/policy-004.txt`;
const HAR = `${DATA}/captures/reporthar/android--first-run.har`;

describe('report on a real capture', function () {
  this.timeout(60_000);
  before(function () {
    if (!existsSync(POLICY) || !existsSync(HAR)) {
      console.log(`      (skipped: ${DATA} is not beside the repository)`);
      this.skip();
    }
  });

  it('groups findings per kind and organisation: each organisation once per kind, ids unique', async () => {
    const { report } = await analyse({ policy: POLICY, captures: [HAR], region: 'CN', generated: '2026-03-02T10:00:00.000Z' });
    assert.equal(validate('report', report), undefined);
    const ids = report.findings.map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(report.findings.length <= 12, `${report.findings.length} findings`);
    const keys = report.findings.filter((f) => f.recipient).map((f) => `${f.kind}|${f.recipient?.organizationId ?? f.recipient?.domain}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(!report.findings.some((f) => f.rules.some((r) => r.rule === 'pipl/cross-border-notice') && f.recipient?.country === 'CN'));
  });

  it('lists flow #15 under notify.bugsnag.com', async () => {
    const { report } = await analyse({ policy: POLICY, captures: [HAR], region: 'CN' });
    const items = report.findings.flatMap((f) => f.items ?? []);
    const withFlow = items.filter((i) => i.flows.some((e) => e.index === 15));
    assert.ok(withFlow.length > 0, 'flow #15 is evidence somewhere');
    for (const item of withFlow) {
      assert.ok(item.hosts.includes('notify.bugsnag.com'), item.hosts.join(', '));
      assert.equal(item.flows.find((e) => e.index === 15)?.host, 'notify.bugsnag.com');
    }
  });
});
