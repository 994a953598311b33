/**
 * Issue 16 points 4–8 and issue 15 point 14: values masked in every form and everywhere, control
 * characters escaped on the terminal, Markdown escaped, bidi and invisible characters shown, no
 * lone surrogates in JSON or SARIF, and the terminal summary ordered by severity across kinds.
 */
import assert from 'node:assert/strict';
import { terminalSummary } from '../../src/cli/summary.js';
import type { Finding } from '../../src/model/finding.js';
import { buildReport, formatters, type Report } from '../../src/report/index.js';
import { maskIn, maskMessage } from '../../src/report/mask.js';
import { mdCode, mdText } from '../../src/report/markdown-escape.js';
import { flow, detection, recipient } from '../helpers/factories.js';

const IMEI = '861234567890125';
const B64 = Buffer.from(IMEI).toString('base64');

function finding(over: Partial<Finding> = {}): Finding {
  return {
    id: 'undisclosed_sharing@ads.example', kind: 'undisclosed_sharing', severity: 'high', dataType: 'imei',
    recipient: recipient({ host: 'ads.example', domain: 'ads.example', party: 'third' }),
    message: 'ads.example receives IMEI', messageZh: 'ads.example 收到 IMEI',
    evidence: { flows: [{ capture: 'c.har', index: 0, time: '2026-03-02T09:00:00Z', host: 'ads.example', url: `https://ads.example/t?b=${B64}&h=${Buffer.from(IMEI).toString('hex')}`, value: IMEI, where: 'query.b', encoding: 'base64' }], policy: [] },
    rules: [{ jurisdiction: 'gdpr', rule: 'gdpr/undisclosed-recipients', ref: 'Art. 13(1)(e)', title: 'Recipients not disclosed', titleZh: '未告知接收方', severity: 'high' }],
    ...over,
  };
}

function report(findings: Finding[], extra: Partial<Parameters<typeof buildReport>[0]> = {}): Report {
  return buildReport({
    policy: { source: 'p.html', language: 'en', practices: [], notice: [] },
    captures: [{ source: 'c.har', format: 'har', flows: 1, warnings: [`c.har: entry 8 skipped: Unexpected token 'x', "imei=${IMEI}&b=${B64}"... is not valid JSON`] }],
    flows: [flow({ index: 0, detections: [detection('imei', IMEI, { encoding: 'plain' })] })],
    observations: [], findings, jurisdictions: ['gdpr'], generated: '2026-03-02T10:00:00.000Z', ...extra,
  });
}

describe('untrusted text in reports', () => {
  it('masks a value in its base64, hex and URL forms in evidence URLs, warnings and errors', () => {
    const r = report([finding()], { errors: [`c.har: line 3: bad JSON near "${B64}"`] });
    const json = formatters.json!(r, { lang: 'en' });
    for (const leaked of [IMEI, B64, B64.replace(/=+$/, ''), Buffer.from(IMEI).toString('hex')]) assert.ok(!json.includes(leaked), `${leaked} leaked`);
    assert.match(r.captures[0]!.warnings[0]!, /\(input not shown\) is not valid JSON/);
  });

  it('maskIn and maskMessage cover URL-encoded, upper-case and unknown long digit runs', () => {
    assert.ok(!maskIn(`e=${encodeURIComponent('jane@example.org')}`, ['jane@example.org']).includes('jane%40'));
    assert.ok(!maskMessage('phone 13812345678 in entry', []).includes('13812345678'));
    assert.ok(!maskMessage('from jane.doe@example.org', []).includes('jane.doe@'));
  });

  it('escapes control characters in everything the terminal shows (no title change, no fake line)', () => {
    const host = 'evil.example\u001b]0;pwned\u0007\r\n[info] all clear\u001b[2J';
    const f = finding({ recipient: recipient({ host, domain: 'evil.example', party: 'third' }), message: `${host} receives IMEI` });
    const out = terminalSummary(report([f]), 'en', `out\u001b[31m.md`);
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(out), 'no raw control character');
    assert.equal(out.split('\n').filter((l) => l.includes('[info] all clear')).length, 1);
    assert.ok(!out.split('\n').some((l) => l.startsWith('[info]')), 'no line of its own');
    assert.ok(out.includes('\\u001B]0;pwned\\u0007'));
  });

  it('shows bidi overrides and zero-width characters as \\uXXXX in every format', () => {
    const f = finding({ recipient: recipient({ host: '\u202Emoc.live', domain: 'live.example', party: 'third' }), message: '\u202Emoc.live receives IMEI' });
    const r = report([f]);
    for (const name of ['md', 'html', 'json', 'sarif']) {
      const out = formatters[name]!(r, { lang: 'en' });
      assert.ok(!out.includes('\u202E'), `${name} holds a raw U+202E`);
      assert.ok(/\\u202e/i.test(out), `${name} shows it`);
    }
    assert.ok(terminalSummary(r, 'en').includes('\\u202Emoc.live'));
  });

  it('writes no lone surrogate into JSON or SARIF', () => {
    const f = finding({ recipient: recipient({ host: 'a\uD800b.example', domain: 'a\uD800b.example', party: 'third' }), message: 'a\uD800b receives IMEI' });
    for (const name of ['json', 'sarif']) {
      const out = formatters[name]!(report([f]), { lang: 'en' });
      assert.ok(!/\\ud800/i.test(out) && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(out), name);
      JSON.parse(out);
    }
  });

  it('escapes Markdown: no raw HTML, no live link, code spans that close, tables that hold', () => {
    assert.equal(mdText('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal(mdText('&lt;script&gt;'), '&amp;lt;script&amp;gt;', "a policy's &lt;script&gt; stays text");
    assert.equal(mdText('[x](javascript:alert(1))'), '\\[x\\](javascript:alert(1))');
    assert.equal(mdCode('a`b``c'), '```a`b``c```');
    assert.equal(mdCode('`x'), '`` `x ``');
    assert.equal(mdCode('a|b', true), '`a\\|b`');
    assert.equal(mdText('line\none # heading'), 'line one \\# heading');
    const host = 'h`</code><img src=x onerror=alert(1)>|x\n# fake';
    const md = formatters.md!(report([finding({ recipient: recipient({ host, domain: host, party: 'third' }), message: `${host} receives IMEI` })]), { lang: 'en' });
    assert.ok(!/<img|<\/code>/.test(md));
    assert.ok(!md.split('\n').some((l) => l.startsWith('# fake')));
  });

  it('orders the terminal summary by severity across kinds: a medium notice finding comes before low flow findings', () => {
    const low = (i: number) => finding({ id: `vague_disclosure@o${i}.example`, kind: 'vague_disclosure', severity: 'low', message: `low ${i}` });
    const notice: Finding = { id: 'missing_notice_element/retention_period', kind: 'missing_notice_element', severity: 'medium', element: 'retention_period', message: 'the policy does not state the retention period', messageZh: '隐私政策未告知保存期限', evidence: { flows: [], policy: [] }, rules: [{ jurisdiction: 'gdpr', rule: 'gdpr/notice-retention', ref: 'Art. 13(2)(a)', title: 'Retention', titleZh: '存储期限', severity: 'medium' }] };
    const lines = terminalSummary(report([...Array.from({ length: 12 }, (_, i) => low(i)), notice]), 'en').split('\n');
    assert.match(lines[1] ?? '', /^ {2}\[medium\] the policy does not state the retention period/);
    assert.ok(!lines.some((l) => /missing notice element\(s\)/.test(l)));
  });

  it('pads Chinese severity tags by display width', () => {
    const out = terminalSummary(report([finding()]), 'zh');
    assert.match(out, /\[高 {2}\] /);
  });
});
