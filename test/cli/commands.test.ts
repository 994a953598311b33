import assert from 'node:assert/strict';
import path from 'node:path';
import { validate } from '../../src/vocab/schemas.js';
import { runCli } from '../helpers/run-cli.js';

const example = (f: string) => path.join('examples', f);

describe('privdiff extract / observe / check / rules', () => {
  it('extract --format json validates against schemas/practices.schema.json', async () => {
    for (const policy of ['policy.en.html', 'policy.zh.md']) {
      const run = await runCli(['extract', example(policy)]);
      assert.equal(run.code, 0, run.stderr);
      const data = JSON.parse(run.stdout);
      assert.equal(validate('practices', data), undefined);
      assert.ok(data.practices.some((p: { dataType: string }) => p.dataType === 'imei'), `${policy} names the IMEI`);
      assert.ok(!data.practices.some((p: { dataType: string }) => p.dataType === 'contacts'), `${policy} never names the address book`);
    }
  });

  it('extract --format md prints a table', async () => {
    const run = await runCli(['extract', example('policy.en.html'), '--format', 'md']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /\| actor \| action \| data type/);
  });

  it('observe --format json validates against schemas/flow.schema.json and masks values', async () => {
    const run = await runCli(['observe', example('capture.pcap'), '--identifiers', example('identifiers.json')]);
    assert.equal(run.code, 0, run.stderr);
    const data = JSON.parse(run.stdout);
    assert.equal(validate('flow', data), undefined);
    assert.ok(data.flows.some((f: { protocol: string }) => f.protocol === 'dns'));
    assert.ok(data.flows.some((f: { detections: { dataType: string }[] }) => f.detections.some((d) => d.dataType === 'contacts')));
    assert.ok(!run.stdout.includes('861234567890127'));
  });

  it('check runs the policy-only rules', async () => {
    const run = await runCli(['check', example('policy.en.html'), '--jurisdiction', 'gdpr', '--format', 'json']);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(validate('report', report), undefined);
    for (const f of report.findings) assert.equal(f.kind, 'missing_notice_element');
  });

  it('rules list and rules show document every rule', async () => {
    const list = await runCli(['rules', 'list']);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /pipl\/undisclosed-sharing/);
    assert.match(list.stdout, /gdpr\/third-country-transfer/);
    const show = await runCli(['rules', 'show', 'pipl/cross-border-notice']);
    assert.equal(show.code, 0);
    assert.match(show.stdout, /Arts\. 38–39/);
    assert.match(show.stdout, /向境外提供个人信息/);
    assert.equal((await runCli(['rules', 'show', 'nope/nothing'])).code, 2);
  });

  it('--help explains the commands; no arguments prints help and exits 2', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    for (const cmd of ['compare', 'extract', 'observe', 'check', 'rules']) assert.match(help.stdout, new RegExp(`\\b${cmd}\\b`));
    assert.equal((await runCli([])).code, 2);
  });
});
