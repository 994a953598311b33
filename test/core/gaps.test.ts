import assert from 'node:assert/strict';
import { compare } from '../../src/compare/index.js';
import { flowGaps, judge, noticeGaps, rulePacks } from '../../src/judge/index.js';
import { detection, flow, policy, practice, recipient } from '../helpers/factories.js';

const cnServer = recipient({ host: 'api.nimbusmsg.com', domain: 'nimbusmsg.com', country: 'CN' });
const euServer = recipient({ host: 'eu.nimbusmsg.com', domain: 'nimbusmsg.com', country: 'DE' });

function scenario(over: { cleartext?: boolean; to?: typeof cnServer; time?: string } = {}) {
  const flows = [flow({ index: 0, cleartext: over.cleartext ?? false, recipient: over.to ?? cnServer, detections: [detection('imei')], time: over.time ?? '2026-03-02T09:00:00Z' })];
  return flows;
}

const euLocation = { element: 'international_transfer', value: 'EU', evidence: { text: 'Your data is stored in the EU.', location: '§7 ¶1' } };

describe('judge: behaviour gaps', () => {
  it('a flow to China against an "EU only" statement is a contradicted cross-border transfer', () => {
    const flows = scenario();
    const p = policy([practice()], { notice: [euLocation] });
    const gaps = flowGaps(compare(flows, p), flows, p, { region: 'EU' });
    const cross = gaps.find((g) => g.kind === 'undisclosed_cross_border');
    assert.ok(cross);
    assert.equal(cross.disclosure, 'contradicted');
    assert.equal(cross.policy[0]?.text, 'Your data is stored in the EU.');
  });

  it('a flow outside the region with no statement at all is omitted', () => {
    const flows = scenario();
    const p = policy([practice()]);
    const cross = flowGaps(compare(flows, p), flows, p, { region: 'EU' }).find((g) => g.kind === 'undisclosed_cross_border');
    assert.equal(cross?.disclosure, 'omitted');
  });

  it('a disclosed transfer abroad gives no cross-border gap', () => {
    const flows = scenario();
    const p = policy([practice(), practice({ action: 'transfer_abroad', dataType: 'personal_info', recipient: 'CN' })]);
    assert.equal(flowGaps(compare(flows, p), flows, p, { region: 'EU' }).filter((g) => g.kind === 'undisclosed_cross_border').length, 0);
  });

  it('a flow inside the region gives no cross-border gap', () => {
    const flows = scenario({ to: euServer });
    const p = policy([practice()], { notice: [euLocation] });
    assert.equal(flowGaps(compare(flows, p), flows, p, { region: 'EU' }).filter((g) => g.kind === 'undisclosed_cross_border').length, 0);
  });

  it('clear text gives insecure_transmission only for clear-text flows', () => {
    const p = policy([practice()]);
    const plain = scenario({ cleartext: true, to: euServer });
    assert.equal(flowGaps(compare(plain, p), plain, p, {}).filter((g) => g.kind === 'insecure_transmission').length, 1);
    const tls = scenario({ cleartext: false, to: euServer });
    assert.equal(flowGaps(compare(tls, p), tls, p, {}).filter((g) => g.kind === 'insecure_transmission').length, 0);
  });

  it('flows before --consent-at are collected before consent', () => {
    const p = policy([practice()]);
    const flows = scenario({ to: euServer, time: '2026-03-02T09:00:00Z' });
    const early = flowGaps(compare(flows, p), flows, p, { consentAt: { time: '2026-03-02T09:05:00Z' } });
    assert.equal(early.filter((g) => g.kind === 'collected_before_consent').length, 1);
    const late = flowGaps(compare(flows, p), flows, p, { consentAt: { time: '2026-03-02T08:00:00Z' } });
    assert.equal(late.filter((g) => g.kind === 'collected_before_consent').length, 0);
    const byIndex = flowGaps(compare(flows, p), flows, p, { consentAt: { flow: 1 } });
    assert.equal(byIndex.filter((g) => g.kind === 'collected_before_consent').length, 1);
  });

  it('a clearly disclosed, encrypted, in-region flow yields no finding at all', () => {
    const flows = scenario({ to: euServer });
    const p = policy([practice()], { notice: [euLocation] });
    const findings = judge(compare(flows, p), flows, p, rulePacks(), { region: 'EU' }).filter((f) => f.kind !== 'missing_notice_element');
    assert.deepEqual(findings, []);
  });

  it('an undisclosed address-book upload is a high finding under PIPL and GDPR', () => {
    const flows = [flow({ index: 0, recipient: cnServer, cleartext: true, detections: [detection('contacts', '+4915712345671')] })];
    const p = policy([practice(), practice({ dataType: 'phone_number' })], { notice: [euLocation] });
    const findings = judge(compare(flows, p), flows, p, rulePacks().filter((r) => ['pipl', 'gdpr'].includes(r.jurisdiction)), { region: 'EU' });
    const undisclosed = findings.find((f) => f.kind === 'undisclosed_collection' && f.dataType === 'contacts');
    assert.ok(undisclosed);
    assert.equal(undisclosed.severity, 'high');
    assert.deepEqual(undisclosed.rules.map((r) => r.rule).sort(), ['gdpr/undisclosed-collection', 'pipl/undisclosed-collection']);
    assert.ok(findings.some((f) => f.kind === 'undisclosed_cross_border' && f.dataType === 'contacts'));
    assert.ok(findings.some((f) => f.kind === 'insecure_transmission' && f.dataType === 'contacts'));
  });
});

describe('judge: notice gaps', () => {
  it('every notice element the policy lacks is a gap; those it states are not', () => {
    const p = policy([practice({ purpose: 'to register your device' })], { notice: [euLocation] });
    const missing = noticeGaps(p).map((g) => g.element);
    assert.ok(missing.includes('retention_period'));
    assert.ok(!missing.includes('international_transfer'));
    assert.ok(!missing.includes('data_types'), 'implied by a collection practice');
    assert.ok(!missing.includes('purposes'), 'implied by a practice with a purpose');
  });
});

describe('judge: what a transfer statement covers', () => {
  const usServer = recipient({ host: 'backup.nimbusmsg.com', domain: 'nimbusmsg.com', country: 'US' });
  const flows = () => [flow({ index: 0, recipient: usServer, detections: [detection('imei')] })];
  const crossBorder = (p: ReturnType<typeof policy>) => {
    const f = flows();
    return flowGaps(compare(f, p), f, p, { region: 'EU' }).find((g) => g.kind === 'undisclosed_cross_border');
  };
  const sentence = (text: string) => ({ text, location: '§9 ¶1' });

  it('"we may transfer your data outside the EEA" discloses a US server, and is no promise to stay', () => {
    const text = 'We may transfer your personal information outside the EEA.';
    const p = policy([practice(), practice({ action: 'transfer_abroad', dataType: 'personal_info', recipient: 'EEA', evidence: sentence(text) })],
      { notice: [{ element: 'international_transfer', value: 'EEA', evidence: sentence(text) }] });
    assert.equal(crossBorder(p), undefined);
  });

  it('"we do not transfer your data outside the EEA" is contradicted by a US server', () => {
    const text = 'We do not transfer your personal information outside the EEA.';
    const p = policy([practice(), practice({ action: 'transfer_abroad', dataType: 'personal_info', recipient: 'EEA', negated: true, evidence: sentence(text) })],
      { notice: [{ element: 'international_transfer', value: 'EEA', evidence: sentence(text) }] });
    assert.equal(crossBorder(p)?.disclosure, 'contradicted');
  });

  it('"we do not transfer your data to China" says nothing about a US server', () => {
    const p = policy([practice(), practice({ action: 'transfer_abroad', dataType: 'personal_info', recipient: 'CN', negated: true, evidence: sentence('We do not transfer your data to China.') })]);
    assert.equal(crossBorder(p)?.disclosure, 'omitted');
  });
});
