import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appIdDomain } from '../../../src/compare/app-id-domain.js';
import { validate } from '../../../src/vocab/schemas.js';
import { APPS, writeAppPrivacyReport, writeTrackerControl } from '../../helpers/device-reports.js';
import { runCli } from '../../helpers/run-cli.js';

const POLICY = path.join('test', 'fixtures', 'device-report', 'policy.en.md');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'privdiff-device-compare-'));
const ios = path.join(tmp, 'report.ndjson');
const tc = path.join(tmp, 'report.csv');
writeAppPrivacyReport(ios, APPS);
writeTrackerControl(tc, APPS);

interface Finding {
  id: string; kind: string; severity: string; dataType?: string; disclosure?: string;
  recipient?: { domain: string; organization?: string; country?: string };
  evidence: { flows: unknown[]; accesses?: { dataType: string }[]; contacts?: { hosts: string[]; initiatedBy: string }[] };
  rules: { rule: string }[];
}

async function compareJson(...inputs: string[]) {
  const run = await runCli(['compare', POLICY, ...inputs, '--region', 'EU', '--jurisdiction', 'gdpr', '--format', 'json', '--fail-on', 'none']);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.equal(validate('report', report), undefined);
  return report as { findings: Finding[]; deviceReports: { app: { id: string }; accesses: { dataType: string; disclosure: string }[]; contacts: { recipient: { domain: string; party: string }; disclosure: string; initiatedBy: string }[] }[] };
}

const byKind = (findings: Finding[], kind: string) => findings.filter((f) => f.kind === kind);

describe('compare with a phone privacy report', () => {
  it('an access the policy covers is clear; one it never mentions is an undisclosed data access with the access times as evidence', async () => {
    const report = await compareJson(ios, '--app', 'example.pixelnote.journal');
    const accesses = report.deviceReports[0]?.accesses ?? [];
    assert.deepEqual(accesses.map((a) => [a.dataType, a.disclosure]).sort(), [['contacts', 'omitted'], ['media', 'clear']]);
    const [finding, ...rest] = byKind(report.findings, 'undisclosed_data_access');
    assert.equal(rest.length, 0);
    assert.equal(finding?.dataType, 'contacts');
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.evidence.accesses?.length, 2);
    assert.ok(finding?.rules.some((r) => r.rule === 'gdpr/undisclosed-data-access'));
  });

  it('a third party neither named nor covered by category is reported without claiming which data went there', async () => {
    const report = await compareJson(ios, '--app', 'example.pixelnote.journal');
    const contacts = report.deviceReports[0]?.contacts ?? [];
    assert.equal(contacts.find((c) => c.recipient.domain === 'pixelnote.example')?.recipient.party, 'first');
    assert.equal(contacts.find((c) => c.recipient.domain === 'app-measurement.com')?.disclosure, 'clear', 'analytics providers are named by category');
    const undisclosed = byKind(report.findings, 'undisclosed_recipient_contact');
    const meta = undisclosed.find((f) => f.recipient?.organization === 'Meta Platforms');
    assert.equal(meta?.severity, 'medium');
    assert.deepEqual(meta?.evidence.contacts?.[0]?.hosts, ['graph.facebook.com']);
    // Loaded content's requests are kept apart, and weigh less.
    const content = undisclosed.find((f) => f.recipient?.domain === 'mopub.com');
    assert.equal(content?.evidence.contacts?.[0]?.initiatedBy, 'content');
    assert.equal(content?.severity, 'low');
    for (const f of report.findings.filter((x) => /contact/.test(x.kind))) {
      assert.equal(f.dataType, undefined, `${f.id} must not name a data type`);
      assert.equal(f.evidence.flows.length, 0);
    }
  });

  it('a recipient established outside the place the policy promises is a medium finding; a server seen there in a capture of the same run, high', async () => {
    const alone = await compareJson(ios, '--app', 'example.pixelnote.journal');
    const established = byKind(alone.findings, 'contact_outside_stated_location').find((f) => f.recipient?.organization === 'Meta Platforms');
    assert.equal(established?.severity, 'medium');
    assert.ok(established?.rules.some((r) => r.rule === 'gdpr/contact-established-outside-stated-location'));
    // A capture of the same run saw graph.facebook.com's address in a DNS answer: the server is located.
    const capture = path.join(tmp, 'dns.jsonl');
    writeFileSync(capture, JSON.stringify({ time: '2026-03-02T08:00:01.000Z', protocol: 'dns', host: 'graph.facebook.com', cleartext: true, dns: { query: 'graph.facebook.com', type: 'A', answers: ['157.240.1.1'] } }) + '\n');
    const both = await compareJson(capture, ios, '--app', 'example.pixelnote.journal');
    const located = byKind(both.findings, 'contact_outside_stated_location').find((f) => f.recipient?.organization === 'Meta Platforms');
    assert.equal(located?.recipient?.country, 'US');
    assert.equal(located?.severity, 'high');
  });

  it('TrackerControl: a tracker category that the policy denies sharing with is a contradiction', async () => {
    const report = await compareJson(tc, '--app', 'PixelNote');
    const contradicted = byKind(report.findings, 'contradicted_recipient_contact');
    assert.deepEqual(contradicted.map((f) => f.recipient?.domain), ['mopub.com']);
    assert.equal(contradicted[0]?.severity, 'high');
    assert.equal(report.deviceReports[0]?.contacts.every((c) => c.initiatedBy === 'unknown'), true);
  });

  it('a report covering many apps without --app, or a malformed line, exits 2 with one line', async () => {
    const many = await runCli(['compare', POLICY, ios]);
    assert.equal(many.code, 2);
    assert.match(many.stderr, /covers 2 apps; choose one with --app/);
    assert.equal(many.stderr.trim().split('\n').length, 1);
    const bad = path.join(tmp, 'bad.ndjson');
    writeFileSync(bad, '{"type":"networkActivity","bundleID":"a.b","domain":"x.example","timeStamp":"2026-03-02T09:00:00Z"}\nnot json\n');
    const run = await runCli(['compare', POLICY, bad, '--format', 'json']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /bad\.ndjson \(line 2\): not a JSON record/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('a report read without a capture says so, instead of claiming no traffic was read', async () => {
    const run = await runCli(['compare', POLICY, ios, '--app', 'example.pixelnote.journal', '--region', 'EU', '--format', 'md', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /No traffic capture was read: the findings come from the phone's privacy report/);
    assert.doesNotMatch(run.stdout, /No traffic was read/);
    assert.match(run.stdout, /third party contacted, not disclosed/, 'the kind has a label, not its id');
  });

  it('an app id names the app\'s own domain only under a real public suffix', () => {
    assert.equal(appIdDomain('com.imangi.templerun2'), 'imangi.com');
    assert.equal(appIdDomain('de.check24.check24'), 'check24.de');
    assert.equal(appIdDomain('uk.co.bbc.news'), 'bbc.co.uk');
    assert.equal(appIdDomain('tld.sample.app'), undefined);
    assert.equal(appIdDomain('single'), undefined);
  });
});
