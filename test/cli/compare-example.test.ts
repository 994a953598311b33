/**
 * The embedded demo, end to end: the motivating case (IMEI and phone number disclosed, the address
 * book not, everything in clear text to a server in China while the policy promises the EU).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/report/index.js';
import { validate } from '../../src/vocab/schemas.js';
import { runCli } from '../helpers/run-cli.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'privdiff-cli-'));
const example = (f: string) => path.join('examples', f);

async function compareJson(policy: string, capture: string, extra: string[] = []): Promise<{ code: number; report: Report; stdout: string }> {
  const out = path.join(tmp, `${path.basename(policy)}-${path.basename(capture)}.json`);
  const run = await runCli(['compare', example(policy), example(capture), '--identifiers', example('identifiers.json'),
    '--region', 'EU', '--jurisdiction', 'gdpr,pipl', '--format', 'json', '-o', out, ...extra]);
  assert.equal(run.stderr, '', run.stderr);
  return { code: run.code, report: JSON.parse(readFileSync(out, 'utf8')) as Report, stdout: run.stdout };
}

function observation(report: Report, dataType: string, host: string) {
  return report.observations.find((o) => o.dataType === dataType && o.recipient.host === host);
}

for (const [policy, capture] of [['policy.en.html', 'capture.pcap'], ['policy.zh.md', 'capture.pcap'], ['policy.en.html', 'capture.har']] as const) {
  describe(`compare on the example: ${policy} + ${capture}`, () => {
    let result: Awaited<ReturnType<typeof compareJson>>;
    before(async () => { result = await compareJson(policy, capture); });

    it('writes a report that validates against schemas/report.schema.json', () => {
      assert.equal(validate('report', result.report), undefined);
    });

    it('exits 1: there are findings at or above the default fail level', () => {
      assert.equal(result.code, 1);
    });

    it('finds the IMEI and the phone number clearly disclosed', () => {
      assert.equal(observation(result.report, 'imei', 'api.nimbusmsg.com')?.disclosure, 'clear');
      assert.equal(observation(result.report, 'phone_number', 'api.nimbusmsg.com')?.disclosure, 'clear');
      assert.ok(!result.report.findings.some((f) => f.kind === 'undisclosed_collection' && (f.dataType === 'imei' || f.dataType === 'phone_number')));
    });

    it('reports the undisclosed address-book upload as a high finding with both kinds of evidence', () => {
      const f = result.report.findings.find((x) => x.kind === 'undisclosed_collection' && x.dataType === 'contacts');
      assert.ok(f, 'undisclosed contacts upload');
      assert.equal(f.severity, 'high');
      assert.equal(f.recipient?.country, 'CN');
      assert.ok(f.evidence.flows.some((e) => e.url?.endsWith('/v1/contacts/sync')));
      assert.ok(f.rules.some((r) => r.jurisdiction === 'pipl') && f.rules.some((r) => r.jurisdiction === 'gdpr'));
    });

    it('reports the transfer to China against the EU data-location statement', () => {
      const f = result.report.findings.find((x) => x.kind === 'undisclosed_cross_border' && x.dataTypes?.includes('contacts'));
      assert.ok(f);
      assert.equal(f.disclosure, 'contradicted');
      assert.ok(f.evidence.policy.length > 0, 'quotes the data-location sentence');
    });

    it('reports personal data sent in clear text', () => {
      assert.ok(result.report.findings.some((x) => x.kind === 'insecure_transmission' && x.dataTypes?.includes('contacts')));
    });

    it('sees the hashed IMEI going to Umeng, which the policy names', () => {
      const o = result.report.observations.find((x) => x.dataType === 'imei' && x.recipient.organizationId === 'umeng');
      assert.ok(o, 'hashed IMEI to umeng');
      assert.equal(o.disclosure, 'clear');
    });

    it('masks every detected value in the report', () => {
      const text = JSON.stringify(result.report);
      for (const secret of ['861234567890127', '4915112345678']) assert.ok(!text.includes(secret), secret);
    });
  });
}

describe('compare: output and exit codes', () => {
  it('prints a summary naming the address-book upload when writing to a file', async () => {
    const { stdout } = await compareJson('policy.en.html', 'capture.pcap');
    assert.match(stdout, /address book|contacts/i);
    assert.match(stdout, /report written to/);
  });

  it('without --jurisdiction, the region chooses the rule packs', async () => {
    const out = path.join(tmp, 'region.json');
    const run = await runCli(['compare', example('policy.en.html'), example('capture.pcap'), '--region', 'CN', '--format', 'json', '-o', out, '--quiet']);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    assert.ok(report.jurisdictions.includes('pipl'));
    assert.ok(!report.jurisdictions.includes('gdpr'));
  });

  it('--fail-on none exits 0', async () => {
    const { code } = await compareJson('policy.en.html', 'capture.pcap', ['--fail-on', 'none']);
    assert.equal(code, 0);
  });

  it('--reveal shows the values', async () => {
    const { report } = await compareJson('policy.en.html', 'capture.pcap', ['--reveal']);
    assert.ok(JSON.stringify(report).includes('861234567890127'));
  });

  it('a missing capture exits 2 with one line naming the file', async () => {
    const run = await runCli(['compare', example('policy.en.html'), path.join(tmp, 'nope.pcap'), '--format', 'json', '-o', path.join(tmp, 'x.json')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /nope\.pcap.*no such file/);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.doesNotMatch(run.stderr, /\bat .*\.ts:\d+/);
  });

  it('a missing policy exits 2 with one line', async () => {
    const run = await runCli(['compare', path.join(tmp, 'nope.html'), example('capture.pcap')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /nope\.html/);
    assert.equal(run.stderr.trim().split('\n').length, 1);
  });

  it('a corrupt capture exits 2 naming the position, and what was read before is still reported', async () => {
    const good = readFileSync(example('capture.pcap'));
    const corrupt = path.join(tmp, 'corrupt.pcap');
    // Keep the header and the first records, then garbage where the next record header should be.
    writeFileSync(corrupt, Buffer.concat([good.subarray(0, Math.floor(good.length * 0.8)), Buffer.alloc(64, 0xff)]));
    const out = path.join(tmp, 'corrupt.json');
    const run = await runCli(['compare', example('policy.en.html'), corrupt, '--format', 'json', '-o', out, '--quiet']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /corrupt\.pcap.*(byte|offset)/);
    assert.doesNotMatch(run.stderr, /\bat .*\.ts:\d+/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    assert.ok(report.summary.flows > 0, 'flows before the fault are kept');
    assert.equal(report.errors.length, 1);
  });

  it('an unknown option or jurisdiction exits 2', async () => {
    assert.equal((await runCli(['compare', '--bogus'])).code, 2);
    const run = await runCli(['compare', example('policy.en.html'), example('capture.pcap'), '--jurisdiction', 'mars']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown jurisdiction "mars"/);
  });
});
