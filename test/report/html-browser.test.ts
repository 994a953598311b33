/**
 * The HTML report in headless Chromium: the filter script runs under the CSP, filters hide findings,
 * printing works, and planted script or markup never runs or loads anything.
 * Skips when /usr/bin/chromium or playwright-core is missing. Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { html } from '../../src/report/html/index.js';
import type { Report } from '../../src/report/model.js';
import { hostileReport, nimbusReport } from './fixtures.js';
import { launchChromium } from '../helpers/chromium.js';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output');

interface Opened {
  page: Page;
  url: string;
  problems: string[];
  requests: string[];
  dialogs: string[];
}

describe('HTML report in a browser', function () {
  let browser: Browser | undefined;

  before(async function () {
    browser = await launchChromium();
    if (!browser) this.skip(); // no Chromium (or playwright-core) on this machine
    mkdirSync(OUT, { recursive: true });
  });

  after(async () => {
    await browser?.close();
  });

  async function open(name: string, page: string, width = 1280): Promise<Opened> {
    const file = path.join(OUT, name);
    writeFileSync(file, page);
    const tab = await browser!.newPage({ viewport: { width, height: 900 } });
    const opened: Opened = { page: tab, url: pathToFileURL(file).href, problems: [], requests: [], dialogs: [] };
    tab.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') opened.problems.push(m.text()); });
    tab.on('pageerror', (e) => opened.problems.push(e.message));
    tab.on('request', (r) => opened.requests.push(r.url()));
    tab.on('dialog', (d) => { opened.dialogs.push(d.message()); void d.dismiss(); });
    await tab.goto(opened.url);
    return opened;
  }

  const render = (report: Report, lang: 'en' | 'zh') => html(report, { lang });
  const visibleSeverities = (page: Page) =>
    page.$$eval('article.finding', (els) => els.filter((e) => !e.hasAttribute('hidden')).map((e) => e.getAttribute('data-severity')));

  it('runs the filter script under the CSP without console errors, and the filters hide findings', async () => {
    const o = await open('report.en.html', render(nimbusReport(), 'en'));
    const { page } = o;
    assert.equal(await page.isVisible('#filters'), true, 'the script unhid the filter form');
    assert.equal(await page.textContent('#filter-status'), '8 of 8 findings shown');

    await page.click('button[data-filter-severity="high"]');
    assert.deepEqual(await visibleSeverities(page), ['high', 'high', 'high', 'high']);
    assert.equal(await page.textContent('#filter-status'), '4 of 8 findings shown');
    assert.equal(await page.isVisible('article[data-severity="low"]'), false);

    await page.selectOption('#filter-severity', '');
    await page.selectOption('#filter-jurisdiction', 'pipl');
    assert.equal((await visibleSeverities(page)).length, 6, 'the two GDPR-only findings are hidden');

    await page.selectOption('#filter-jurisdiction', '');
    await page.selectOption('#filter-recipient', 'umeng.com');
    const shown = await page.$$eval('article.finding:not([hidden]) h3', (els) => els.map((e) => e.textContent));
    assert.deepEqual(shown, ['3. IMEI (imei) is sent to log.umeng.com (Umeng) although the policy says it is not']);

    await page.click('button[type="reset"]');
    await page.locator('#filter-status', { hasText: '8 of 8 findings shown' }).waitFor();
    assert.deepEqual((await visibleSeverities(page)).length, 8);
    await page.screenshot({ path: path.join(OUT, 'report.en.png'), fullPage: true });
    assert.deepEqual(o.problems, []);
    assert.deepEqual(o.requests, [o.url], 'nothing but the file itself is loaded');
    await page.close();
  });

  it('renders the Chinese report with Chinese labels', async () => {
    const o = await open('report.zh.html', render(nimbusReport(), 'zh'));
    assert.equal(await o.page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await o.page.textContent('#filter-status'), '显示 8 / 8 个问题');
    assert.equal(await o.page.textContent('h1'), 'privdiff 检测报告');
    await o.page.screenshot({ path: path.join(OUT, 'report.zh.png'), fullPage: true });
    assert.deepEqual(o.problems, []);
    await o.page.close();
  });

  /** Layout facts a reader on that screen depends on. */
  const layout = (page: Page): Promise<{ overflow: number; height: number; smallestDiagramText: number; narrowestRecipient: number; fontFamily: string }> => page.evaluate(`(() => {
    const doc = document.documentElement;
    const diagramText = [...document.querySelectorAll('svg.flow-graph text, svg.chart text')].map((t) => t.getBoundingClientRect().height).filter((h) => h > 0);
    const recipientCells = [...document.querySelectorAll('section.observations td[data-label]')].filter((_, i) => i % 8 === 1).map((td) => td.getBoundingClientRect().width);
    return {
      overflow: doc.scrollWidth - doc.clientWidth,
      height: doc.scrollHeight,
      smallestDiagramText: Math.min(...diagramText),
      narrowestRecipient: Math.min(...recipientCells),
      fontFamily: getComputedStyle(document.body).fontFamily,
    };
  })()`);

  for (const width of [390, 1280]) {
    for (const lang of ['en', 'zh'] as const) {
      it(`lays out at ${width} px (${lang}): no sideways scrolling, readable diagram text, wide enough recipient cells`, async () => {
        const { analyse } = await import('../../src/pipeline.js');
        const { report } = lang === 'en'
          ? await analyse({ policy: 'examples/policy.en.html', captures: ['examples/capture.pcap'], region: 'EU', identifiers: { imei: '861234567890127' } })
          : await analyse({ policy: 'examples/policy.zh.md', captures: ['examples/capture.har'], region: 'CN' });
        const o = await open(`layout.${lang}.${width}.html`, render(report, lang), width);
        const facts = await layout(o.page);
        assert.ok(facts.overflow <= 0, `page scrolls sideways by ${facts.overflow} px`);
        assert.ok(facts.smallestDiagramText >= 10, `diagram text ${facts.smallestDiagramText} px high`);
        assert.ok(facts.narrowestRecipient >= 150, `recipient cell ${facts.narrowestRecipient} px wide`);
        // The bound catches a page blown up by one-letter-wide cells (51,694 px once), not content: the example's findings fill about 12,000 px at 390 px.
        assert.ok(facts.height < (width === 390 ? 13_000 : 6_000), `page ${facts.height} px high`);
        await o.page.screenshot({ path: path.join(OUT, `layout.${lang}.${width}.png`), fullPage: true });
        assert.deepEqual(o.problems, []);
        await o.page.close();
      });
    }
  }

  it('keeps the Chinese report of a real capture to a sane height at 390 px (it was 51,694 px)', async function () {
    const policy = '../shared/data/policies/zh/capp130/original/policy-004.txt';
    const har = '../shared/data/captures/reporthar/android--first-run.har';
    if (!existsSync(policy) || !existsSync(har)) this.skip(); // ../shared/data is not beside the repository
    const { analyse } = await import('../../src/pipeline.js');
    const { report } = await analyse({ policy, captures: [har], region: 'CN' });
    const o = await open('layout.real.zh.390.html', render(report, 'zh'), 390);
    const facts = await layout(o.page);
    assert.ok(facts.overflow <= 0, `page scrolls sideways by ${facts.overflow} px`);
    assert.ok(facts.narrowestRecipient >= 150, `recipient cell ${facts.narrowestRecipient} px wide`);
    assert.ok(facts.height < 25_000, `page ${facts.height} px high`);
    await o.page.close();
  });

  it('names the common CJK system fonts in the font stack (no remote fonts are allowed)', async () => {
    const o = await open('fonts.zh.html', render(nimbusReport(), 'zh'), 390);
    const { fontFamily } = await layout(o.page);
    for (const font of ['Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC']) assert.ok(fontFamily.includes(font), font);
    // A Chinese glyph gets a real font here (fonts-wqy-microhei or fonts-noto-cjk are installed in CI): it is as wide as it is tall, not a box of another width.
    const width: number = await o.page.evaluate(`(() => {
      const span = document.createElement('span');
      span.style.fontSize = '20px';
      span.textContent = '隐私政策检测报告';
      document.body.append(span);
      return span.getBoundingClientRect().width;
    })()`);
    assert.ok(width >= 150 && width <= 170, `8 CJK glyphs at 20 px are ${width} px wide`);
    await o.page.close();
  });

  it('prints to PDF with the filters hidden', async () => {
    const o = await open('report.print.html', render(nimbusReport(), 'en'));
    await o.page.emulateMedia({ media: 'print' });
    assert.equal(await o.page.isVisible('#filters'), false);
    assert.equal(await o.page.isVisible('svg.flow-graph'), true);
    const pdf = await o.page.pdf({ path: path.join(OUT, 'report.en.pdf'), format: 'A4' });
    assert.ok(pdf.length > 10_000);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    await o.page.close();
  });

  for (const withCsp of [true, false]) {
    it(`runs none of the planted payloads (${withCsp ? 'with' : 'even without'} the CSP)`, async () => {
      let page = render(hostileReport(), 'en');
      if (!withCsp) page = page.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
      assert.equal(page.includes('http-equiv="Content-Security-Policy"'), withCsp);
      const o = await open(`hostile${withCsp ? '' : '.no-csp'}.html`, page);
      // Give onload/onerror handlers a chance to fire if any markup had got through.
      await o.page.waitForLoadState('load');
      await o.page.waitForTimeout(300);
      assert.equal(await o.page.evaluate('typeof window.__pwned'), 'undefined');
      assert.deepEqual(o.dialogs, []);
      assert.deepEqual(o.requests, [o.url]);
      assert.equal(await o.page.$$eval('img, iframe, a, foreignObject, [onload], [onerror]', (els) => els.length), 0);
      assert.equal(await o.page.$$eval('script', (els) => els.length), 1);
      const text = await o.page.textContent('body');
      assert.ok(text?.includes('<script>window.__pwned="script"</script>'), 'payloads are shown as text');
      assert.equal(await o.page.isVisible('#filters'), true, 'the real script still runs');
      assert.deepEqual(o.problems, []);
      await o.page.close();
    });
  }
});
