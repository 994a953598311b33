/**
 * Option values a careless user types: each is refused with one line and exit 2, before or instead
 * of a report that silently means something else.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consentAt } from '../../src/cli/options.js';
import { validate } from '../../src/vocab/schemas.js';
import { readDataFile } from '../../src/vocab/data-file.js';
import { runCli } from '../helpers/run-cli.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'privdiff-options-'));
const example = (f: string) => path.join('examples', f);
const compare = (...extra: string[]) => runCli(['compare', example('policy.en.html'), example('capture.pcap'), '--fail-on', 'none', '-o', path.join(tmp, 'r.md'), '-q', ...extra]);

function assertRefused(run: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, message);
  assert.equal(run.stderr.trim().split('\n').length, 1, `one line: ${run.stderr}`);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
}

describe('--region', () => {
  it('data/regions.json validates against its schema', () => {
    assert.equal(validate('regions', readDataFile('data', 'regions.json')), undefined);
  });

  it('refuses a two-letter code that is no country (XX), listing the known regions', async () => {
    const run = await compare('--region', 'XX');
    assertRefused(run, /unknown region "XX" \(known: EU, EEA, CN, .*US-CA.*ISO 3166-1/);
  });

  it('refuses "Europe", which could mean the EU or the EEA, instead of taking it as the EEA', async () => {
    assertRefused(await compare('--region', 'Europe'), /"Europe" is ambiguous: use EU or EEA/);
  });

  it('refuses an empty region and a made-up one', async () => {
    assertRefused(await compare('--region', ''), /unknown region ""/);
    assertRefused(await compare('--region', 'Atlantis'), /unknown region "Atlantis"/);
  });

  it('still takes named regions, their aliases and real country codes', async () => {
    for (const region of ['EU', 'eea', 'China', 'US-CA', 'DE', 'jp']) {
      const run = await compare('--region', region);
      assert.equal(run.code, 0, `${region}: ${run.stderr}`);
    }
  });

  it('check refuses an unknown region too', async () => {
    assertRefused(await runCli(['check', example('policy.en.html'), '--region', 'XX']), /unknown region "XX"/);
  });
});

describe('--consent-at', () => {
  for (const [value, message] of [
    ['-1', /flow index \(0, 1, 2, …\) or an ISO 8601 time with a zone; "-1" is neither/],
    ['1.5', /"1.5" is neither/],
    ['', /ISO 8601 time with a zone.*got ""/],
    ['2026-03-02T08:15:00', /add the zone: Z for UTC/],
    ['2026-03-02', /add the zone/],
    ['yesterday', /got "yesterday"/],
  ] as const) {
    it(`refuses ${JSON.stringify(value)}`, async () => {
      assertRefused(await compare('--consent-at', value), message);
    });
  }

  it('refuses a flow index beyond the flows the captures hold', async () => {
    assertRefused(await compare('--consent-at', '99999'), /--consent-at 99999: the captures hold 7 flow\(s\), numbered 0 to 6/);
  });

  it('takes a flow index inside the captures, and a time with Z or an offset', async () => {
    for (const value of ['3', '2026-03-02T08:15:00Z', '2026-03-02T16:15:00+08:00']) {
      const run = await compare('--consent-at', value);
      assert.equal(run.code, 0, `${value}: ${run.stderr}`);
    }
    assert.deepEqual(consentAt('2026-03-02T16:15:00+08:00'), { time: '2026-03-02T08:15:00.000Z' });
    assert.deepEqual(consentAt(' 4 '), { flow: 4 });
  });
});

describe('list options and the identifiers file', () => {
  it("--jurisdiction '' is refused, not read as every pack", async () => {
    assertRefused(await compare('--jurisdiction', ''), /--jurisdiction needs at least one value/);
    assertRefused(await compare('--jurisdiction', ' , '), /--jurisdiction needs at least one value/);
    assertRefused(await runCli(['check', example('policy.en.html'), '--jurisdiction', '']), /--jurisdiction needs at least one value/);
  });

  it("--first-party '' is refused", async () => {
    assertRefused(await compare('--first-party', ''), /--first-party needs at least one value/);
  });

  it('an --app-category of "" is refused, not ignored', async () => {
    const run = await compare('--app-category', '');
    assert.equal(run.code, 2, run.stderr);
  });

  it('a precise_location written as text fails the identifiers check (the schema asks for {lat, lon})', async () => {
    const file = path.join(tmp, 'ids.json');
    writeFileSync(file, JSON.stringify({ precise_location: '52.52,13.40' }));
    assert.notEqual(validate('identifiers', JSON.parse(readFileSync(file, 'utf8'))), undefined, 'the schema rejects it');
    assertRefused(await compare('--identifiers', file), /ids\.json: "precise_location" must be an object of two numbers/);
  });
});

describe('no arguments', () => {
  it('exits 2 with the usage and the examples on stderr', async () => {
    const run = await runCli([]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /Usage: privdiff/);
    assert.match(run.stderr, /Examples:\n {2}privdiff compare policy\.html capture\.pcap/);
    const help = await runCli(['--help']);
    for (const line of help.stdout.split('\n').filter((l) => l.startsWith('  privdiff '))) assert.ok(run.stderr.includes(line), `bare privdiff shows "${line}"`);
  });
});
