/**
 * Policy documents built to be slow: 100k nested <div>s, 1 MB of one word (HTML, plain text,
 * Markdown), and a PDF of a thousand pages. Each loads (or fails with InputError) within a budget,
 * and extraction of the 1 MB word finishes too.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '../../src/load/index.js';
import { htmlBlocks } from '../../src/load/html.js';
import { extractPolicy } from '../../src/extract/index.js';
import { makePdf } from '../fixtures/load/make-pdf.js';

const WORD = 'privacy'.repeat(Math.ceil((1 << 20) / 7));

async function timedAsync<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

describe('documents that try to be slow', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'privdiff-slowdoc-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('HTML: 100k nested divs around a sentence', async () => {
    const html = `<html><body><h1>Privacy Policy</h1>${'<div>'.repeat(100_000)}<p>We collect your phone number.</p>${'</div>'.repeat(100_000)}<p>We share it with Umeng.</p></body></html>`;
    const { value, ms } = await timedAsync(async () => htmlBlocks(html));
    const text = value.blocks.map((b) => b.text).join(' ');
    assert.match(text, /We share it with Umeng/);
    assert.ok(ms < 20_000, `${Math.round(ms)} ms`);
  });

  for (const [format, content] of [
    ['html', `<html><body><h1>Privacy</h1><p>${WORD}</p><p>We collect your e-mail address.</p></body></html>`],
    ['txt', `Privacy\n\n${WORD}\n\nWe collect your e-mail address.\n`],
    ['md', `# Privacy\n\n${WORD}\n\nWe collect your e-mail address.\n`],
  ] as const) {
    it(`${format}: 1 MB of one word loads, and extraction finishes`, async () => {
      const file = join(dir, `word.${format}`);
      writeFileSync(file, content);
      const load = await timedAsync(() => loadPolicy(file));
      assert.ok(load.value.blocks.some((b) => b.text.includes('e-mail')));
      assert.ok(load.ms < 10_000, `load ${Math.round(load.ms)} ms`);
      const start = performance.now();
      const extracted = extractPolicy(load.value);
      const ms = performance.now() - start;
      assert.ok(extracted.practices.some((p) => p.dataType === 'email_address'), 'the sentence after the word is still read');
      assert.ok(ms < 30_000, `extract ${Math.round(ms)} ms`);
    });
  }

  it('PDF: a thousand pages', async () => {
    const pages = Array.from({ length: 1000 }, (_, i) => [`Section ${i + 1}`, `We collect your device identifier for purpose ${i + 1}.`, 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.']);
    const file = join(dir, 'long.pdf');
    writeFileSync(file, makePdf(pages));
    const { value, ms } = await timedAsync(() => loadPolicy(file));
    assert.ok(value.blocks.length >= 1000, `${value.blocks.length} blocks`);
    assert.ok(ms < 60_000, `${Math.round(ms)} ms`);
    console.log(`      1,000-page PDF loaded in ${Math.round(ms)} ms`);
  });
});
