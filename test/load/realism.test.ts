import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { loadPolicy } from '../../src/load/index.js';
import type { PolicyDocument } from '../../src/load/index.js';
import { skipUnlessPresent } from '../helpers/shared-data.js';

/** Real third-party policies and legal PDFs, read in place from the shared data folder. */
const shared = new URL('../../../shared/data/', import.meta.url);
const dir = (sub: string): string => new URL(sub, shared).pathname;

function text(doc: PolicyDocument): string {
  return doc.blocks.map((b) => b.text).join('\n');
}

async function loadAll(folder: string, pattern: RegExp): Promise<{ file: string; doc: PolicyDocument; ms: number }[]> {
  const out = [];
  for (const file of readdirSync(folder).filter((f) => pattern.test(f)).sort()) {
    const start = performance.now();
    const doc = await loadPolicy(`${folder}/${file}`);
    out.push({ file, doc, ms: performance.now() - start });
  }
  return out;
}

function checkAll(results: { file: string; doc: PolicyDocument; ms: number }[], language: 'en' | 'zh', minBlocks: number): void {
  for (const { file, doc } of results) {
    assert.equal(doc.language, language, `${file}: language`);
    assert.ok(doc.blocks.length >= minBlocks, `${file}: only ${doc.blocks.length} blocks`);
    for (const b of doc.blocks) assert.match(b.location, /^§\d+ ¶\d+$/u, `${file}: location`);
  }
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`      ${results.length} files, load time median ${median.toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms`);
}

describe('loaders on real policies (shared data)', function () {
  this.timeout(120_000);
  before(function () {
    skipUnlessPresent(this, dir('policies'));
  });

  it('OPP-115 segmented HTML: English, segments split, no ||| left', async () => {
    const results = await loadAll(dir('policies/en/opp115'), /\.html$/u);
    assert.ok(results.length >= 55);
    // A few OPP-115 policies are genuinely short (solarviews.com: 700 bytes).
    checkAll(results, 'en', 2);
    for (const { file, doc } of results) assert.ok(!text(doc).includes('|||'), `${file}: separator left`);
    const redorbit = results.find((r) => r.file.startsWith('1028_'))?.doc;
    assert.ok(redorbit?.blocks.some((b) => b.kind === 'heading' && b.text === 'Cookies'));
  });

  it('OPP-115 original pages: the policy survives, navigation and scripts go', async () => {
    const results = await loadAll(dir('policies/en/opp115-original'), /\.html$/u);
    checkAll(results, 'en', 4);
    const aol = results.find((r) => r.file.startsWith('1034_'))?.doc;
    assert.ok(aol);
    assert.equal(aol.blocks.find((b) => b.kind === 'heading')?.text, 'AOL Privacy Policy');
    assert.ok(text(aol).includes('This Privacy Policy describes how we handle the information we collect and receive about users.'));
    assert.ok(!/function\s*\(|var \w+ =|document\.write/u.test(text(aol)), 'script text leaked');
    const allrecipes = results.find((r) => r.file.startsWith('70_'))?.doc;
    assert.ok(allrecipes && text(allrecipes).includes('California residents have the right to request'));
    const walmart = results.find((r) => r.file.startsWith('348_'))?.doc;
    assert.ok(walmart && text(walmart).length > 20_000, 'collapsed sections of the Walmart policy were lost');
    for (const { file, doc } of results) assert.ok(!/<script|<\/div>/u.test(text(doc)), `${file}: markup left`);
  });

  it('CAPP-130 Chinese plain-text policies: Chinese, simplified, structured', async () => {
    const results = await loadAll(dir('policies/zh/capp130/original'), /^policy-\d+\.txt$/u);
    assert.ok(results.length >= 130);
    checkAll(results, 'zh', 20);
    for (const { file, doc } of results) {
      assert.equal(doc.script, 'Hans', `${file}: script`);
      assert.ok(doc.blocks.some((b) => b.kind === 'heading'), `${file}: no heading found`);
    }
  });

  it('Chinese legal PDFs: page furniture gone, articles joined into paragraphs', async () => {
    const results = await loadAll(dir('docs-zh'), /\.pdf$/u);
    assert.equal(results.length, 5);
    checkAll(results, 'zh', 30);
    const pipl = results.find((r) => r.file.startsWith('pipl'))?.doc;
    assert.ok(pipl);
    assert.ok(!pipl.blocks.some((b) => /^－\d+－$/u.test(b.text)), 'page numbers left');
    assert.ok(pipl.blocks.some((b) => b.text === '第四条个人信息是以电子或者其他方式记录的与已识别或者可识别的自然人有关的各种信息，不包括匿名化处理后的信息。'));
    assert.ok(pipl.blocks.some((b) => b.kind === 'heading' && b.text.startsWith('第三章')));
  });
});
