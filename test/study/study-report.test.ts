/**
 * The study report page: built from a study database filled with made-up results (many apps,
 * hostile strings), checked as text, then opened in Chromium at 1280 and 390 px wide. Skips the
 * browser part when /usr/bin/chromium or playwright-core is missing.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { AppJob, AppResult, StoredFinding, StoredObservation } from '../../src/study/app-job.js';
import { appsByVerdict, recipientsAcrossApps, undisclosedPractices } from '../../src/study/report/aggregate.js';
import { diffStudies, diffText } from '../../src/study/report/diff.js';
import { studyHtml } from '../../src/study/report/html.js';
import { readStudy, type StudyData } from '../../src/study/report/read-study.js';
import { DB_FILE, StudyStore } from '../../src/study/store.js';
import { validate } from '../../src/vocab/schemas.js';
import { launchChromium } from '../helpers/chromium.js';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output');
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const umeng = { host: 'log.umeng.com', domain: 'umeng.com', organization: 'Umeng', party: 'third' as const, country: 'CN' };
const own = (i: number) => ({ host: `api.app${i}.example`, domain: `app${i}.example`, party: 'first' as const, country: i % 2 ? 'DE' : 'CN' });

function result(i: number): AppResult {
  const observations: StoredObservation[] = [
    { dataType: 'imei', recipient: umeng, disclosure: i % 3 === 0 ? 'omitted' : 'clear', flowCount: 2, cleartext: true },
    { dataType: 'contacts', recipient: own(i), disclosure: 'omitted', flowCount: 1, cleartext: false },
  ];
  const findings: StoredFinding[] = [
    { id: `undisclosed_collection/contacts@app${i}.example`, kind: 'undisclosed_collection', severity: 'high', dataType: 'contacts', recipient: own(i), disclosure: 'omitted',
      message: `address book is sent to api.app${i}.example`, rules: [{ jurisdiction: 'pipl', rule: 'pipl/undisclosed-collection', ref: 'Art. 17(1)(2); Art. 7' }] },
  ];
  if (i % 3 === 0) findings.push({ id: 'undisclosed_sharing/imei@umeng.com', kind: 'undisclosed_sharing', severity: 'medium', dataType: 'imei', recipient: umeng, disclosure: 'omitted',
    message: 'imei is sent to log.umeng.com (Umeng)', rules: [{ jurisdiction: 'gdpr', rule: 'gdpr/undisclosed-sharing', ref: 'Art. 13(1)(e)' }] });
  return { policyLanguage: 'en', flows: 10 + i, encryptedFlows: i % 4 === 0 ? 3 : 0, partlyDecryptedFlows: 0, unreadable: i === 4 ? [`capture.pcap: truncated ${HOSTILE}`] : [],
    observations, findings, reportJson: `apps/app-${i}/report.json`, reportHtml: `apps/app-${i}/report.html`, durationMs: 100, worker: 'test:1' };
}

function makeStudy(dir: string, apps: number, change?: (i: number, r: AppResult) => AppResult): void {
  mkdirSync(dir, { recursive: true });
  const store = new StudyStore(path.join(dir, DB_FILE));
  for (let i = 1; i <= apps; i++) {
    const app = { id: `app-${i}`, origin: `m.jsonl (line ${i})`, policy: '/p.html', captures: ['/c.pcap'], labels: { store: i % 2 ? 'play' : HOSTILE } };
    store.upsertApp(app);
    const job: AppJob = { app, runKey: `k${i}`, inputHash: `h${i}`, reportDir: path.join(dir, 'apps', app.id) };
    if (i === apps) store.saveFailed(app, { runKey: `k${i}` }, `m.jsonl (line ${i}): /c.pcap: no such file ${HOSTILE}`, 'embedded', '0.1.0');
    else store.saveDone(job, change ? change(i, result(i)) : result(i), 'embedded', '0.1.0');
    mkdirSync(job.reportDir, { recursive: true });
    writeFileSync(path.join(job.reportDir, 'report.html'), `<!DOCTYPE html><title>${app.id}</title><p>${app.id}</p>`);
  }
  store.close();
}

describe('study report', () => {
  let root: string;
  let data: StudyData;
  let page: string;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'privdiff-study-report-'));
    makeStudy(path.join(root, 'a'), 31);
    data = readStudy(path.join(root, 'a'));
    page = studyHtml(data, { lang: 'en', generated: '2026-12-04T08:00:00.000Z' });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads the current results back from the database', () => {
    assert.equal(data.apps.length, 31);
    assert.deepEqual(data.apps.find((a) => a.id === 'app-3')?.bySeverity, { high: 1, medium: 1, low: 0, info: 0 });
    assert.equal(data.findings.filter((f) => f.appId === 'app-3').length, 2);
    assert.deepEqual(data.findings[0]?.rules, [{ jurisdiction: 'pipl', rule: 'pipl/undisclosed-collection', ref: 'Art. 17(1)(2); Art. 7' }]);
    assert.equal(data.apps.find((a) => a.id === 'app-31')?.status, 'failed');
  });

  it('counts apps by worst severity, recipients across apps and undisclosed practices', () => {
    assert.deepEqual(appsByVerdict(data), { high: 30, medium: 0, low: 0, info: 0, none: 0, failed: 1, not_run: 0 });
    const first = recipientsAcrossApps(data)[0];
    assert.deepEqual(first, { name: 'Umeng', party: 'third', countries: ['CN'], apps: 30, undisclosedApps: 10, dataTypes: ['imei'] });
    assert.deepEqual(undisclosedPractices(data).map((p) => [p.kind, p.dataType, p.apps]), [['undisclosed_collection', 'contacts', 30], ['undisclosed_sharing', 'imei', 10]]);
  });

  it('is one standalone page: its CSP allows the two inlined stylesheets by hash and no script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1]?.replace(/&#39;/g, "'") ?? '';
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] as string);
    assert.equal(styles.length, 2);
    for (const css of styles) assert.ok(csp.includes(`'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`));
    assert.ok(csp.includes("script-src 'none'") && csp.includes("default-src 'none'"));
    assert.ok(!page.includes('<script'));
    assert.ok(!/<[a-z][^>]*\ssrc=/i.test(page), "no element loads anything");
    const links = new Set([...page.matchAll(/href="([^"]+)"/g)].map((m) => m[1]));
    assert.deepEqual([...links].sort(), Array.from({ length: 30 }, (_, i) => `apps/app-${i + 1}/report.html`).sort(), 'each checked app links to its report; the failed one has none');
  });

  it('escapes every string from the study (labels, errors, capture warnings)', () => {
    assert.ok(!page.includes(HOSTILE));
    assert.ok(page.includes('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;'));
  });

  it('has the plots and the tables a reader looks for', () => {
    assert.match(page, /<p class="verdict bad">31 apps: 30 checked, 1 failed — 40 findings<\/p>/);
    assert.match(page, /<svg class="bars" id="worst"/);
    assert.match(page, /<svg class="bars" id="recipients"/);
    for (const heading of ['Who receives personal data across apps', 'Most common undisclosed practices', 'Findings per jurisdiction and rule',
      'Apps whose traffic was partly encrypted or unreadable', 'Apps that failed', 'All apps']) assert.ok(page.includes(`>${heading}</h2>`), heading);
    const zh = studyHtml(data, { lang: 'zh' });
    assert.ok(zh.includes('跨应用接收个人信息的机构') && zh.includes('<html lang="zh-CN">'));
  });

  it('diffs two runs: new and fixed findings per app (schemas/study-diff.schema.json)', () => {
    makeStudy(path.join(root, 'b'), 31, (i, r) => (i === 2 ? { ...r, findings: [...r.findings, { ...r.findings[0]!, id: 'insecure_transmission/contacts@app2.example', kind: 'insecure_transmission', severity: 'medium' }] }
      : i === 3 ? { ...r, findings: r.findings.slice(0, 1) } : r));
    const diff = diffStudies(data, readStudy(path.join(root, 'b')));
    assert.equal(validate('study-diff', diff), undefined);
    assert.deepEqual(diff.summary, { apps: 31, changed: 2, new: 1, fixed: 1 });
    assert.deepEqual(diff.apps.find((a) => a.id === 'app-2')?.new.map((f) => f.id), ['insecure_transmission/contacts@app2.example']);
    assert.deepEqual(diff.apps.find((a) => a.id === 'app-3')?.fixed.map((f) => f.id), ['undisclosed_sharing/imei@umeng.com']);
    assert.match(diffText(diff), /app-2\n {2}\+ \[medium\] address book is sent to api\.app2\.example {2}\(insecure_transmission\/contacts@app2\.example\)/);
  });

  describe('in Chromium', () => {
    let browser: Browser | undefined;
    before(async function () {
      browser = await launchChromium();
      if (!browser) this.skip(); // no Chromium (or playwright-core) on this machine
      mkdirSync(OUT, { recursive: true });
    });
    after(async () => { await browser?.close(); });

    for (const width of [1280, 390]) {
      it(`shows the whole page at ${width} px: no sideways scrolling, no console errors, links to the app reports`, async () => {
        const file = path.join(root, 'a', 'study.html');
        writeFileSync(file, page);
        const tab = await browser!.newPage({ viewport: { width, height: 900 } });
        const problems: string[] = [];
        tab.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
        tab.on('pageerror', (e) => problems.push(e.message));
        await tab.goto(pathToFileURL(file).href);
        const [scrollWidth, innerWidth] = await tab.evaluate('[document.documentElement.scrollWidth, window.innerWidth]') as [number, number];
        assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
        // The plots keep readable text: the SVG is not shrunk below 90 % of its size.
        const scale = await tab.$eval('svg#recipients', (svg) => svg.getBoundingClientRect().width / Number(svg.getAttribute('width')));
        assert.ok(scale >= 0.9, `plot scaled to ${scale}`);
        assert.equal(await tab.evaluate('typeof window.__pwned'), 'undefined');
        await tab.screenshot({ path: path.join(OUT, `study.${width}.png`), fullPage: true });
        await tab.click('a[href="apps/app-7/report.html"]');
        assert.equal(await tab.textContent('p'), 'app-7');
        assert.deepEqual(problems, []);
        await tab.close();
      });
    }
  });
});
