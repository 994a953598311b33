import assert from 'node:assert/strict';
import { formatters } from '../../src/report/index.js';
import { artifactUri, sarif, sarifLog } from '../../src/report/sarif.js';
import { validate } from '../../src/vocab/schemas.js';
import { hostileReport, nimbusReport } from './fixtures.js';

describe('SARIF 2.1.0 formatter', () => {
  const report = nimbusReport();
  const log = sarifLog(report, 'en');
  const run = log.runs[0]!;

  it('is registered and prints the log as JSON', () => {
    assert.equal(formatters.sarif, sarif);
    assert.deepEqual(JSON.parse(sarif(report, { lang: 'en' })), JSON.parse(JSON.stringify(log)));
  });

  it('validates against schemas/sarif-2.1.0.schema.json (en, zh, hostile input, no findings)', () => {
    assert.equal(validate('sarif-2.1.0', log), undefined);
    assert.equal(validate('sarif-2.1.0', sarifLog(report, 'zh')), undefined);
    assert.equal(validate('sarif-2.1.0', sarifLog(hostileReport(), 'en')), undefined);
    assert.equal(validate('sarif-2.1.0', sarifLog({ ...report, findings: [] }, 'en')), undefined);
  });

  it('the schema rejects what SARIF forbids', () => {
    const bad = (mutate: (l: any) => void) => {
      const copy = JSON.parse(JSON.stringify(log));
      mutate(copy);
      return validate('sarif-2.1.0', copy);
    };
    assert.match(bad((l) => { l.version = '2.0.0'; }) ?? '', /version/);
    assert.match(bad((l) => { l.runs[0].results[0].level = 'fatal'; }) ?? '', /level/);
    assert.match(bad((l) => { delete l.runs[0].results[0].message; }) ?? '', /message/);
    assert.match(bad((l) => { l.runs[0].results[0].message = {}; }) ?? '', /message/);
    assert.match(bad((l) => { l.runs[0].tool.driver.rules[0].severity = 'high'; }) ?? '', /additional/);
    assert.match(bad((l) => { l.runs[0].results[0].partialFingerprints.x = 1; }) ?? '', /partialFingerprints/);
  });

  it('describes each rule once, with help giving the legal reference and the severity in properties', () => {
    const rules = run.tool.driver.rules;
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, 14);
    const rule = rules.find((r) => r.id === 'pipl/undisclosed-sharing')!;
    assert.equal(rule.name, 'PiplUndisclosedSharing');
    assert.equal(rule.shortDescription.text, 'Personal information provided to another processor without notice');
    assert.equal(rule.help.text, 'PIPL Art. 23: Personal information provided to another processor without notice');
    assert.equal(rule.properties.severity, 'high');
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.equal(sarifLog(report, 'zh').runs[0]!.tool.driver.rules.find((r) => r.id === 'pipl/undisclosed-sharing')!.shortDescription.text, '向其他个人信息处理者提供个人信息未告知');
  });

  it('maps severity to level: high→error, medium→warning, low/info→note', () => {
    const levels = run.results.map((r) => [r.properties.severity, r.level]);
    assert.deepEqual(levels, [['high', 'error'], ['high', 'error'], ['high', 'error'], ['medium', 'warning'], ['high', 'error'], ['low', 'note'], ['medium', 'warning'], ['low', 'note']]);
    const info = { ...report, findings: [{ ...report.findings[7]!, severity: 'info' as const }] };
    assert.equal(sarifLog(info, 'en').runs[0]!.results[0]!.level, 'note');
  });

  it('gives each result its first rule id, all rule ids, and a fingerprint from the finding id', () => {
    report.findings.forEach((f, i) => {
      const r = run.results[i]!;
      assert.equal(r.ruleId, f.rules[0]!.rule);
      assert.equal(run.tool.driver.rules[r.ruleIndex!]!.id, r.ruleId);
      assert.deepEqual(r.properties.rules, f.rules.map((x) => x.rule));
      assert.deepEqual(r.partialFingerprints, { 'privdiffFindingId/v1': f.id });
      assert.equal(r.message.text, f.message);
    });
  });

  it('locates results in the policy file and in the capture, with a logical location per flow', () => {
    const umeng = run.results[2]!;
    const [policy, ...flows] = umeng.locations;
    assert.equal(policy!.physicalLocation.artifactLocation.uri, 'examples/nimbus-privacy-policy.html');
    assert.equal(policy!.message.text, '§4 ¶1: We do not sell or share your personal information with third parties for their own marketing.');
    assert.equal(flows.length, 3);
    assert.equal(flows[0]!.physicalLocation.artifactLocation.uri, 'captures/nimbus-phone.pcapng');
    assert.equal(flows[0]!.physicalLocation.artifactLocation.index, 1);
    assert.deepEqual(flows[0]!.logicalLocations![0]!.properties, { index: 5, time: '2026-03-02T09:12:50.004Z', host: 'log.umeng.com', method: 'POST', url: 'https://log.umeng.com/unify_logs' });
    assert.match(flows[0]!.message.text, /^#5 POST https:\/\/log\.umeng\.com\/unify_logs body\.\$\.header\.imei_md5 md5 9f3a\*+7c21$/);
    const notice = run.results[6]!;
    assert.equal(notice.locations.length, 1);
    assert.equal(notice.locations[0]!.message.text, 'Nothing in the policy covers this.');
    assert.equal(notice.properties.element, 'retention_period');
  });

  it('lists the policy and captures as artifacts and keeps masked values masked', () => {
    assert.deepEqual(run.artifacts.map((a) => a.location.uri), ['examples/nimbus-privacy-policy.html', 'captures/nimbus-phone.pcapng']);
    const text = JSON.stringify(log);
    assert.ok(!/861234567890125|\d{11,}/.test(text));
  });

  it('turns file names into URI references', () => {
    assert.equal(artifactUri('captures/a b#1.pcap'), 'captures/a%20b%231.pcap');
    assert.equal(artifactUri('C:\\caps\\x.har').endsWith('x.har'), true);
    assert.equal(artifactUri('/tmp/隐私政策.html'), 'file:///tmp/%E9%9A%90%E7%A7%81%E6%94%BF%E7%AD%96.html');
    assert.equal(artifactUri('https://example.com/privacy'), 'https://example.com/privacy');
  });

  it('reports input errors as tool notifications', () => {
    const inv = sarifLog({ ...report, errors: ['capture.pcap: truncated at byte 4096'] }, 'en').runs[0]!.invocations[0]!;
    assert.equal(inv.executionSuccessful, false);
    assert.equal(inv.toolExecutionNotifications[0]!.message.text, 'capture.pcap: truncated at byte 4096');
  });
});
