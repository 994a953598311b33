/** Issue 15 point 2: a server outside the promised location contradicts the policy; only a server outside the user's region is a transfer abroad. */
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/index.js';
import { flowGaps, judge, rulePacks } from '../../src/judge/index.js';
import { detection, flow, policy, practice, recipient } from '../helpers/factories.js';

const cnServer = recipient({ host: 'api.example.cn', domain: 'example.cn', country: 'CN' });
const flows = [flow({ index: 0, recipient: cnServer, host: cnServer.host, cleartext: true, detections: [detection('imei')] })];
const storedInEu = { element: 'international_transfer', value: 'EU', evidence: { text: 'Your data is stored in the European Union.', location: '§5 ¶1', section: 'Policy > 5. Where we store your data' } };
const encrypted = { element: 'security_measures', evidence: { text: 'We encrypt data in transit with TLS.', location: '§6 ¶1' } };
const p = policy([practice()], { notice: [storedInEu, encrypted] });
const packs = rulePacks().filter((pack) => pack.jurisdiction === 'pipl' || pack.jurisdiction === 'gdpr');

describe('judge: data location against the policy vs. transfer abroad', () => {
  it('a Chinese user\'s data on a server in China is no transfer abroad, but contradicts a policy that promises the EU', () => {
    const gaps = flowGaps(compare(flows, p), flows, p, { region: 'CN' });
    assert.deepEqual(gaps.filter((g) => g.kind === 'undisclosed_cross_border'), []);
    const location = gaps.find((g) => g.kind === 'contradicted_data_location');
    assert.equal(location?.disclosure, 'contradicted');
    assert.deepEqual(location?.policy.map((e) => e.text), ['Your data is stored in the European Union.']);
  });

  it('cites the contradiction rules, never PIPL Arts. 38–39, for flows that stay in China', () => {
    const findings = judge(compare(flows, p), flows, p, packs, { region: 'CN' });
    const refs = findings.flatMap((f) => f.rules.map((r) => r.rule));
    assert.ok(refs.includes('pipl/data-location-contradicted'));
    assert.ok(!refs.includes('pipl/cross-border-notice'));
    assert.ok(!refs.includes('gdpr/third-country-transfer'));
  });

  it('an EU user\'s data in China is both: each finding quotes the policy text for its own claim', () => {
    const findings = judge(compare(flows, p), flows, p, packs, { region: 'EU' });
    const location = findings.find((f) => f.kind === 'contradicted_data_location');
    const transfer = findings.find((f) => f.kind === 'undisclosed_cross_border');
    assert.ok(location && transfer);
    assert.deepEqual(location.rules.map((r) => r.rule).sort(), ['gdpr/data-location-contradicted', 'pipl/data-location-contradicted']);
    assert.ok(transfer.rules.some((r) => r.rule === 'gdpr/third-country-transfer'));
    assert.match(location.message, /servers in China, although the policy says data is kept in European Union/);
    assert.match(transfer.message, /outside the user's region \(EU\)/);
  });

  it('a clear-text finding quotes what the policy says about security, and claims no disclosure class', () => {
    const findings = judge(compare(flows, p), flows, p, packs, { region: 'CN' });
    const insecure = findings.find((f) => f.kind === 'insecure_transmission');
    assert.deepEqual(insecure?.evidence.policy.map((e) => e.text), ['We encrypt data in transit with TLS.']);
    assert.equal(insecure?.disclosure, undefined);
  });

  it('a region with no location promise and a domestic server gives neither gap', () => {
    const plain = policy([practice()]);
    const gaps = flowGaps(compare(flows, plain), flows, plain, { region: 'CN' });
    assert.deepEqual(gaps.filter((g) => g.kind === 'undisclosed_cross_border' || g.kind === 'contradicted_data_location'), []);
  });
});
