/**
 * Issue 15 points 3, 4, 5, 8, 9, 13 on the embedded example: the summary counts what the findings
 * say, nothing read is said, policy checks have their own layout, unread TLS is stated, policy
 * evidence is cited by its heading, and a Chinese report is Chinese throughout. Reports validate
 * against schemas/report.schema.json.
 */
import assert from 'node:assert/strict';
import { analyse } from '../../src/pipeline.js';
import { buildReport, formatters, verdictLine, type Report } from '../../src/report/index.js';
import { checkPolicyFile } from '../../src/pipeline.js';
import { terminalSummary } from '../../src/cli/summary.js';
import { validate } from '../../src/vocab/schemas.js';

const GENERATED = '2026-03-02T10:00:00.000Z';
const example = (lang?: 'en' | 'zh') => analyse({
  policy: 'examples/policy.en.html', captures: ['examples/capture.pcap'], region: 'EU', jurisdictions: ['gdpr', 'pipl'],
  identifiers: { imei: '861234567890127', phone_number: '+4915112345678' }, generated: GENERATED, ...(lang ? { lang } : {}),
}).then((r) => r.report);

describe('report content', function () {
  this.timeout(30_000);
  let report: Report;
  let zhReport: Report;
  before(async () => {
    report = await example();
    zhReport = (await analyse({ policy: 'examples/policy.zh.md', captures: ['examples/capture.har'], region: 'CN', generated: GENERATED })).report;
  });

  it('is valid against the report schema (compare and check)', async () => {
    assert.equal(validate('report', report), undefined);
    assert.equal(validate('report', zhReport), undefined);
  });

  it('counts observations by what the findings say: the six pairs stored in China against "stays in the EU" are contradicted', () => {
    // Six: the device model sent beside the IMEI (a model field among device fields) is one of them.
    assert.deepEqual(report.summary.byDisclosure, { contradicted: 6 });
    const imei = report.observations.find((o) => o.dataType === 'imei' && o.recipient.party === 'first');
    assert.equal(imei?.disclosure, 'clear', 'the collection itself is disclosed');
    assert.equal(imei?.verdict, 'contradicted');
    assert.ok(imei?.findings?.includes('contradicted_data_location@nimbusmsg.com'));
  });

  it('each finding quotes the policy for its own claim (location, transfer), and md shows the heading path', () => {
    const location = report.findings.find((f) => f.kind === 'contradicted_data_location');
    assert.match(location?.evidence.policy[0]?.text ?? '', /stored on servers in the European Union/);
    const md = formatters.md!(report, { lang: 'en' });
    assert.ok(md.includes('5\\. Where we store your data (§11 ¶1)') || md.includes('5. Where we store your data (§11 ¶1)'), 'heading path, not only §11 ¶1');
    const html = formatters.html!(report, { lang: 'en' });
    assert.ok(html.includes('<cite>5. Where we store your data (§11 ¶1)</cite>'));
  });

  it('states the encrypted connections it could not read, per host and reason, in every format', () => {
    assert.equal(report.tls?.undecrypted, 1);
    assert.equal(report.tls?.hosts[0]?.host, 'push.nimbusmsg.com');
    assert.match(formatters.md!(report, { lang: 'en' }), /## What could not be seen[\s\S]*`push\.nimbusmsg\.com` \| no key log given \| 1/);
    assert.match(formatters.html!(report, { lang: 'en' }), /<section class="unseen">[\s\S]*push\.nimbusmsg\.com/);
    const sarif = JSON.parse(formatters.sarif!(report, { lang: 'en' }));
    assert.ok(sarif.runs[0].invocations[0].toolExecutionNotifications.some((n: { message: { text: string } }) => /not decrypted.*push\.nimbusmsg\.com/.test(n.message.text)));
    assert.match(terminalSummary(report, 'en'), /not decrypted: 1 of 1 encrypted connections \(no key log given: 1\) — push\.nimbusmsg\.com \(1\)/);
  });

  it('with no flows read, says nothing was read instead of "every flow is disclosed"', () => {
    const empty = buildReport({ policy: { source: 'p.html', language: 'en', practices: [], notice: [] }, captures: [{ source: 'broken.har', format: 'har', flows: 0, warnings: [] }], flows: [], observations: [], findings: [], jurisdictions: ['gdpr'], generated: GENERATED });
    assert.match(verdictLine(empty, 'en'), /No traffic was read/);
    assert.doesNotMatch(formatters.md!(empty, { lang: 'en' }), /every observed personal-data flow is disclosed/);
    assert.match(verdictLine(empty, 'zh'), /未读取到流量/);
  });

  it('policy-only checks have their own layout: no captures, observations, or --reveal note', async () => {
    const { policy, findings, packs } = await checkPolicyFile('examples/policy.en.html', ['gdpr', 'pipl']);
    const check = buildReport({ mode: 'check', policy, captures: [], flows: [], observations: [], findings, jurisdictions: packs.map((p) => p.jurisdiction), generated: GENERATED });
    assert.equal(validate('report', check), undefined);
    const md = formatters.md!(check, { lang: 'en' });
    assert.match(md, /^# privdiff policy check/);
    for (const absent of ['Captures', 'Observed personal data', '--reveal', 'No traffic was read']) assert.ok(!md.includes(absent), absent);
    const html = formatters.html!(check, { lang: 'en' });
    for (const absent of ['No personal data was detected', 'Captures', '--reveal', 'class="charts"']) assert.ok(!html.includes(absent), absent);
  });

  it('a Chinese report is Chinese: no English labels, encodings, conditions or ids beside data-type names', () => {
    const md = formatters.md!(zhReport, { lang: 'zh' });
    const html = formatters.html!(zhReport, { lang: 'zh' });
    for (const text of [md, html.replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, '')]) {
      for (const english of [', plain', '(plain', '>plain<', 'condition', 'separate_consent', 'imei（imei）', 'IMEI（imei）', 'Traffic shows', 'Policy says', 'flows)', 'first party', 'third party']) {
        assert.ok(!text.includes(english), `"${english}" in a Chinese report`);
      }
    }
    const terminal = terminalSummary(zhReport, 'zh', 'out.md');
    for (const english of ['flows', 'observed', 'report written', 'missing notice', 'more']) assert.ok(!terminal.includes(english), english);
    assert.match(terminal, /^privdiff：\d+ 条流量/);
    assert.match(terminal, /报告已写入 out\.md/);
  });
});
