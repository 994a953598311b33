/**
 * The policy's language and the report's are two things: the policy's is detected (an override
 * that the text contradicts is warned about), the report's is chosen on its own.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportLanguage, systemLanguage } from '../../src/cli/languages.js';
import type { Report } from '../../src/report/index.js';
import { runCli } from '../helpers/run-cli.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'privdiff-lang-'));
const example = (f: string) => path.join('examples', f);

async function compareJson(policy: string, extra: string[]): Promise<{ code: number; stderr: string; report: Report }> {
  const out = path.join(tmp, `${policy}-${extra.join('_')}.json`);
  const run = await runCli(['compare', example(policy), example('capture.pcap'), '--identifiers', example('identifiers.json'), '--region', 'EU', '--format', 'json', '-o', out, '-q', '--fail-on', 'none', ...extra]);
  return { code: run.code, stderr: run.stderr, report: JSON.parse(readFileSync(out, 'utf8')) as Report };
}

describe('policy language and report language', () => {
  it('--lang zh on an English policy no longer reads the policy as Chinese: same findings, a deprecation warning', async () => {
    const plain = await compareJson('policy.en.html', []);
    const old = await compareJson('policy.en.html', ['--lang', 'zh']);
    assert.equal(old.code, 0, old.stderr);
    assert.match(old.stderr, /warning: --lang is deprecated: it sets only the report's language now, as --report-lang zh does/);
    assert.equal(old.report.policy.language, 'en');
    assert.equal(old.report.findings.length, plain.report.findings.length);
    assert.equal(old.report.policy.practices.length, plain.report.policy.practices.length);
  });

  it('--report-lang zh gives a Chinese report of an English policy', async () => {
    const out = path.join(tmp, 'zh-report.md');
    const run = await runCli(['compare', example('policy.en.html'), example('capture.pcap'), '--region', 'EU', '--report-lang', 'zh', '-o', out, '-q', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const md = readFileSync(out, 'utf8');
    assert.match(md, /[\u4e00-\u9fff]{4}/, 'Chinese headings');
    assert.match(md, /\(en\)/, 'the policy is still English');
  });

  it('--report-lang en gives an English report of a Chinese policy', async () => {
    const run = await runCli(['compare', example('policy.zh.md'), example('capture.pcap'), '--region', 'CN', '--report-lang', 'en', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Policy says|Traffic shows/);
    assert.match(run.stdout, /\(zh\)/);
  });

  it('--policy-lang zh on English text warns that the text disagrees, and that no practice was found', async () => {
    const run = await runCli(['extract', example('policy.en.html'), '--policy-lang', 'zh']);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /policy\.en\.html: the text reads as English, but --policy-lang zh makes it be read as Chinese/);
    assert.match(run.stderr, /policy\.en\.html: no practice statements found in \d+ blocks? of text \(read as Chinese\)/);
    assert.equal(JSON.parse(run.stdout).language, 'zh');
  });

  it('extract --lang zh (the old option) warns and never gives 0 practices silently', async () => {
    const run = await runCli(['extract', example('policy.en.html'), '--lang', 'zh']);
    assert.match(run.stderr, /--lang is deprecated for extract: use --policy-lang zh/);
    assert.match(run.stderr, /no practice statements found/);
  });

  it('an agreeing --policy-lang is silent; a disagreeing --lang and --report-lang pair is refused', async () => {
    const run = await runCli(['extract', example('policy.zh.md'), '--policy-lang', 'zh']);
    assert.equal(run.stderr, '');
    const both = await runCli(['compare', example('policy.en.html'), example('capture.pcap'), '--lang', 'zh', '--report-lang', 'en']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--lang zh and --report-lang en disagree/);
  });

  it('the report language defaults to the policy\'s, and to the system locale for a bilingual policy', () => {
    assert.equal(reportLanguage(undefined, { language: 'zh' }, { LANG: 'en_US.UTF-8' }), 'zh');
    assert.equal(reportLanguage(undefined, { language: 'en', mixed: true }, { LANG: 'zh_CN.UTF-8' }), 'zh');
    assert.equal(reportLanguage(undefined, { language: 'en', mixed: true }, { LANG: 'fr_FR.UTF-8' }), 'en');
    assert.equal(reportLanguage('en', { language: 'zh', mixed: true }, { LANG: 'zh_CN.UTF-8' }), 'en');
    assert.equal(systemLanguage({ LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }), 'zh');
    assert.equal(systemLanguage({ LANG: 'C.UTF-8' }), undefined);
  });
});
