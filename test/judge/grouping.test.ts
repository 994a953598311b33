/** Issue 15 points 6 and 7: one finding per kind and recipient organisation, listing data types and hosts; stable ids. */
import assert from 'node:assert/strict';
import { compare, FlowGrouper, observe } from '../../src/compare/index.js';
import { judge, judgeGaps, rulePacks } from '../../src/judge/index.js';
import { detection, flow, policy, recipient } from '../helpers/factories.js';

const bugsnag = (host: string) => recipient({ host, domain: 'bugsnag.com', party: 'third', organization: 'Bugsnag', organizationId: 'bugsnag', category: 'analytics_provider', country: 'US' });
const flows = [
  flow({ index: 0, host: 'sessions.bugsnag.com', recipient: bugsnag('sessions.bugsnag.com'), detections: [detection('device_model', 'Pixel 7'), detection('os_version', 'Android 13')] }),
  flow({ index: 1, host: 'notify.bugsnag.com', recipient: bugsnag('notify.bugsnag.com'), detections: [detection('device_model', 'Pixel 7')] }),
  flow({ index: 2, host: 'sessions.bugsnag.com', recipient: bugsnag('sessions.bugsnag.com'), detections: [detection('account_id', 'u-4411822')] }),
];
const pipl = rulePacks().filter((p) => p.jurisdiction === 'pipl');

describe('judge: findings grouped by what the reader acts on', () => {
  const findings = judge(compare(flows, policy()), flows, policy(), pipl).filter((f) => f.kind === 'undisclosed_sharing');

  it('one undisclosed-sharing finding for the organisation, listing every data type', () => {
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.id, 'undisclosed_sharing@bugsnag');
    assert.deepEqual(findings[0]?.dataTypes, ['account_id', 'device_model', 'os_version']);
    assert.deepEqual(findings[0]?.items?.map((i) => i.dataType), ['account_id', 'device_model', 'os_version']);
  });

  it('flow #1 to notify.bugsnag.com is listed under its own host, not under sessions.bugsnag.com', () => {
    const model = findings[0]?.items?.find((i) => i.dataType === 'device_model');
    assert.deepEqual(model?.hosts, ['sessions.bugsnag.com', 'notify.bugsnag.com']);
    assert.equal(model?.flows.find((e) => e.index === 1)?.host, 'notify.bugsnag.com');
    assert.deepEqual(findings[0]?.hosts, ['sessions.bugsnag.com', 'notify.bugsnag.com']);
    assert.match(findings[0]?.message ?? '', /Bugsnag \(sessions\.bugsnag\.com, notify\.bugsnag\.com\)/);
  });

  it('the observation of a pair keeps every host its flows went to', () => {
    const grouper = new FlowGrouper();
    for (const f of flows) grouper.add(f);
    const model = observe(grouper.groups(), policy()).find((o) => o.dataType === 'device_model');
    assert.deepEqual(model?.hosts, ['sessions.bugsnag.com', 'notify.bugsnag.com']);
  });

  it('ids and order do not depend on the order of the gaps', () => {
    const observations = compare(flows, policy());
    const a = judge(observations, flows, policy(), pipl);
    const b = judge([...observations].reverse(), flows, policy(), pipl);
    assert.deepEqual(b.map((f) => [f.id, f.dataTypes]), a.map((f) => [f.id, f.dataTypes]));
  });

  it('notice findings stay one per element with their old ids', () => {
    const missing = judgeGaps([{ kind: 'missing_notice_element', element: 'retention_period', flows: [], policy: [], facts: {} }], pipl);
    assert.equal(missing[0]?.id, 'missing_notice_element/retention_period');
  });
});
