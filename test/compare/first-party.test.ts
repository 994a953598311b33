/**
 * Who is the first party without --first-party: every e-mail and web address in the policy (not
 * only a recognised contact element), the controller's name in a domain's label, the app id; and
 * the report says which domains were taken and why.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appIdDomain } from '../../src/compare/app-id-domain.js';
import { addressDomains, nameWords } from '../../src/compare/first-party.js';
import type { Report } from '../../src/report/index.js';
import { validate } from '../../src/vocab/schemas.js';
import { runCli } from '../helpers/run-cli.js';

const fixture = (f: string) => path.join('test', 'fixtures', 'first-party', f);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'privdiff-first-party-'));

async function report(extra: string[] = []): Promise<Report> {
  const out = path.join(tmp, `r${extra.length}.json`);
  const run = await runCli(['compare', fixture('orbitly-policy.md'), fixture('orbitly-flows.jsonl'), '--region', 'US', '--format', 'json', '-o', out, '-q', '--fail-on', 'none', ...extra]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

const partyOf = (r: Report, host: string) => r.observations.find((o) => o.recipient.host === host)?.recipient.party;

describe('first party inferred from the policy, the controller name and the app id', () => {
  it('an e-mail under "Your choices" makes api.orbitly.example first party; opt-out sites are not taken', async () => {
    const r = await report();
    assert.equal(partyOf(r, 'api.orbitly.example'), 'first');
    assert.equal(partyOf(r, 'collect.adsprinkle.example'), 'third');
    assert.deepEqual(r.firstParty?.find((d) => d.domain === 'orbitly.example'), { domain: 'orbitly.example', reason: 'e-mail address privacy@orbitly.example in the policy' });
    assert.ok(!r.firstParty?.some((d) => /youronlinechoices|aboutads/.test(d.domain)));
    assert.equal(validate('report', r), undefined);
  });

  it('a domain whose label carries the controller\'s name ("Orbitly Labs Inc.") is first party, with the reason', async () => {
    const r = await report();
    assert.equal(partyOf(r, 'cdn.orbitlyhealth.example'), 'first');
    assert.match(r.firstParty?.find((d) => d.domain === 'orbitlyhealth.example')?.reason ?? '', /"orbitly" of the controller's name Orbitly Labs Inc/);
    assert.equal(partyOf(r, 'sync.orbitfit.com'), 'third', 'a shorter shared prefix is not the name');
  });

  it('--app com.orbitfit.android makes orbitfit.com first party, and the report says so', async () => {
    const r = await report(['--app', 'com.orbitfit.android']);
    assert.equal(partyOf(r, 'sync.orbitfit.com'), 'first');
    assert.deepEqual(r.firstParty?.find((d) => d.domain === 'orbitfit.com'), { domain: 'orbitfit.com', reason: 'the app id com.orbitfit.android' });
  });

  it('--first-party is listed first, with its own reason; the markdown report names the first party', async () => {
    const r = await report(['--first-party', 'adsprinkle.example']);
    assert.deepEqual(r.firstParty?.[0], { domain: 'adsprinkle.example', reason: 'given with --first-party' });
    const md = await runCli(['compare', fixture('orbitly-policy.md'), fixture('orbitly-flows.jsonl'), '--region', 'US', '--fail-on', 'none']);
    assert.match(md.stdout, /- First party \(the app's own domains\): `orbitly\.example` \(e-mail address privacy@orbitly\.example in the policy\)/);
  });

  it('with nothing in the policy, the first server the app contacts by name is first party (reverse lookups skipped)', async () => {
    const out = path.join(tmp, 'anonymous.json');
    const run = await runCli(['compare', fixture('anonymous-policy.txt'), fixture('anonymous-flows.jsonl'), '--region', 'US', '--format', 'json', '-o', out, '-q', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    const r = JSON.parse(readFileSync(out, 'utf8')) as Report;
    assert.equal(partyOf(r, 'api.zentora.example'), 'first');
    assert.equal(partyOf(r, 'collect.adsprinkle.example'), 'third');
    assert.deepEqual(r.firstParty, [{ domain: 'zentora.example', reason: "the first server the app contacted (api.zentora.example); nothing in the policy named the app's own domains" }]);
  });

  it('the helpers: public mail, regulators and known companies are no first party; names lose their legal form', () => {
    assert.deepEqual(addressDomains(['Write to jane@gmail.com, see https://ico.org.uk or https://www.google.com/policies, or dpo@nimbusmsg.com']).map((d) => d.domain), ['nimbusmsg.com']);
    assert.deepEqual(nameWords('Nimbus Mobile Ltd.'), ['nimbus']);
    assert.equal(appIdDomain('com.nimbusmsg.android'), 'nimbusmsg.com');
    assert.equal(appIdDomain('single'), undefined);
  });
});
