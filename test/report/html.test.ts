import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { html } from '../../src/report/html/index.js';
import { formatters } from '../../src/report/index.js';
import { hostileReport, nimbusReport, PAYLOADS } from './fixtures.js';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const between = (page: string, open: string, close: string) => {
  const start = page.indexOf(open);
  return page.slice(start + open.length, page.indexOf(close, start));
};

describe('HTML report (static)', () => {
  const en = html(nimbusReport(), { lang: 'en' });
  const zh = html(nimbusReport(), { lang: 'zh' });

  it('is registered as the html formatter', () => assert.equal(formatters.html, html));

  it('sets the document language', () => {
    assert.match(en, /<html lang="en">/);
    assert.match(zh, /<html lang="zh-CN">/);
  });

  it('has a CSP that forbids remote loads and allows the inline script and style by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(en)?.[1] ?? '';
    const directives = csp.replace(/&#39;/g, "'").split('; ');
    assert.ok(directives.includes("default-src 'none'"));
    assert.ok(directives.includes("base-uri 'none'"));
    assert.ok(directives.includes(`script-src ${hash(between(en, '<script>', '</script>'))}`));
    assert.ok(directives.includes(`style-src ${hash(between(en, '<style>', '</style>'))}`));
    assert.ok(!/unsafe-inline|https?:/.test(csp));
  });

  it('loads nothing from outside the file', () => {
    assert.ok(!/\s(src|href)=/i.test(en), 'no src or href attributes at all');
    assert.ok(!/@import|url\(/i.test(between(en, '<style>', '</style>')));
    assert.equal(en.match(/<script/g)?.length, 1);
  });

  it('has a summary with verdict, severity and disclosure counts, and both SVG views', () => {
    assert.match(en, /<p class="verdict bad">8 findings: 4 high, 2 medium, 2 low<\/p>/);
    assert.match(en, /data-filter-severity="high"[^>]*><b>4<\/b> high/);
    assert.match(en, /<span class="chip d-contradicted"><b>1<\/b>/);
    assert.match(en, /<svg class="chart"/);
    assert.match(en, /<svg class="flow-graph"/);
    // Data-flow columns: app → domains → organisations → countries.
    for (const node of ['nimbusmsg.com', 'umeng.com', 'Umeng', 'Google', 'CN · China', 'US · United States']) {
      assert.ok(en.includes(`<title>${node}</title>`), node);
    }
    assert.ok(zh.includes('<title>CN · 中国</title>'));
  });

  it('renders one article per finding with filter attributes', () => {
    const articles = [...en.matchAll(/<article id="finding-\d+" class="finding[^"]*" data-severity="(\w+)" data-jurisdictions="([^"]*)" data-recipient="([^"]*)">/g)];
    assert.equal(articles.length, 8);
    assert.deepEqual(articles.map((a) => a[1]), ['high', 'high', 'high', 'medium', 'high', 'low', 'medium', 'low']);
    assert.equal(articles[1]?.[2], 'gdpr');
    assert.equal(articles[2]?.[3], 'umeng.com');
    assert.equal(articles[6]?.[3], '');
  });

  it('shows policy sentences beside requests, legal references and masked values only', () => {
    assert.match(en, /<blockquote><p>We do not sell or share your personal information[^<]*<\/p><cite>(?:[^<]* \()?§4 ¶1\)?<\/cite><\/blockquote>/);
    assert.ok(en.includes('<code class="url">http://sync.nimbusmsg.com/v2/contacts/upload?uid=77120</code>'));
    assert.ok(en.includes('<li>PIPL Art. 23 — '));
    assert.ok(en.includes('<code>139****2468</code>'));
    assert.ok(!/\d{11,}/.test(en.replace(/<style>[\s\S]*?<\/style>/, '')), 'no unmasked long digit runs');
    assert.ok(en.includes('Values are masked'));
  });

  it('translates every label into Chinese', () => {
    for (const zhText of ['privdiff 检测报告', '概览', '各接收方收到的信息类型', '数据流向', '筛选问题', '法律依据', '隐私政策原文', '网络流量', '显示 {{n}} / {{total}} 个问题']) {
      assert.ok(zh.includes(zhText), zhText);
    }
    for (const enText of ['Summary', 'Data flow', 'Filter findings', 'Legal references', 'Traffic shows', 'Policy says', 'Observed personal data']) {
      assert.ok(!zh.includes(`>${enText}<`), enText);
    }
    assert.ok(zh.includes('处理行为与公开的处理规则不符'), 'rule titles in Chinese');
  });

  it('carries a print stylesheet', () => assert.match(en, /@media print \{[\s\S]*\.filters \{ display: none !important; \}/));

  it('escapes every planted payload (no markup, handler or script survives)', () => {
    const page = html(hostileReport(), { lang: 'en' });
    const body = page.slice(page.indexOf('<body>'), page.lastIndexOf('<script>'));
    assert.equal(page.match(/<script/gi)?.length, 1);
    for (const tag of ['<img', '<svg onload', '<iframe', '<a ', '<foreignObject', '<body onload', '</title></style>']) {
      assert.ok(!body.includes(tag), tag);
    }
    assert.ok(!/<[a-z][^>]*\son\w+\s*=/i.test(body), 'no tag with an event-handler attribute');
    assert.ok(body.includes('&lt;script&gt;window.__pwned=&quot;script&quot;&lt;/script&gt;'));
    assert.ok(body.includes('javascript:window.__pwned=&quot;jsurl&quot;'), 'javascript: URLs appear as text');
    assert.equal(PAYLOADS.filter((p) => body.includes(p)).length, 0);
  });

  it('warns when values are revealed', () => {
    const report = { ...nimbusReport(), revealed: true };
    const page = html(report, { lang: 'en' });
    assert.match(page, /class="warning">This report shows detected values unmasked/);
    assert.ok(!page.includes('Values are masked'));
  });

  it('handles a report with no observations and no findings', () => {
    const r = nimbusReport();
    const empty = { ...r, findings: [], observations: [], summary: { ...r.summary, findings: 0, bySeverity: {}, byDisclosure: {} } };
    const page = html(empty, { lang: 'en' });
    assert.match(page, /class="verdict ok"/);
    assert.ok(page.includes('No personal data was detected in the traffic.'));
    assert.ok(page.includes('<p>No findings.</p>'));
    assert.ok(!page.includes('id="filters"'));
  });
});
