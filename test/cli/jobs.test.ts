/** --jobs: how many worker threads detect personal data; the output must not depend on it. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeBigCapture } from '../../bench/capture-gen.js';
import { runCli } from '../helpers/run-cli.js';

describe('privdiff --jobs', function () {
  this.timeout(60_000);
  let dir: string;
  let capture: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'privdiff-jobs-'));
    capture = path.join(dir, 'traffic.pcap');
    await writeBigCapture(capture, 600_000, { pool: 200 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('observe prints the same flows with no worker and with two', async () => {
    const inline = await runCli(['observe', capture, '--jobs', '0']);
    const pooled = await runCli(['observe', capture, '-j', '2']);
    assert.equal(inline.code, 0, inline.stderr);
    assert.equal(pooled.code, 0, pooled.stderr);
    assert.ok(JSON.parse(inline.stdout).flows.length > 300, 'enough flows for several batches');
    assert.equal(pooled.stdout, inline.stdout);
  });

  it('compare reports the same findings with no worker and with two', async () => {
    const args = ['compare', path.join('examples', 'policy.en.html'), capture, '--format', 'json', '-q'];
    const inline = await runCli([...args, '-o', path.join(dir, 'a.json'), '--jobs', '0']);
    const pooled = await runCli([...args, '-o', path.join(dir, 'b.json'), '--jobs', '2']);
    assert.equal(inline.code, pooled.code);
    const strip = (file: string) => { const r = JSON.parse(require_(file)); delete r.generated; return r; };
    assert.deepEqual(strip(path.join(dir, 'b.json')), strip(path.join(dir, 'a.json')));
  });

  it('refuses a value that is not a count, with one line and exit 2', async () => {
    for (const option of ['--jobs', '--reassembly-jobs']) {
      for (const bad of ['many', '-1', '1000']) {
        const run = await runCli(['observe', path.join('examples', 'capture.pcap'), option, bad]);
        assert.equal(run.code, 2, bad);
        assert.match(run.stderr, new RegExp(`${option} takes a number of worker threads`));
        assert.equal(run.stderr.trim().split('\n').length, 1);
      }
    }
  });

  // Reassembly workers start after 32 MiB of packets: the flows they give are checked against the
  // main thread's in test/observe/pcap/sharded-flows.test.ts; here, that the option is taken.
  it('observe and compare take --reassembly-jobs and print what they print without it', async () => {
    const plain = await runCli(['observe', capture, '--jobs', '0']);
    const sharded = await runCli(['observe', capture, '--jobs', '0', '--reassembly-jobs', '2']);
    assert.equal(sharded.code, 0, sharded.stderr);
    assert.equal(sharded.stdout, plain.stdout);
    const compare = await runCli(['compare', path.join('examples', 'policy.en.html'), capture, '--format', 'json', '-q', '-o', path.join(dir, 'c.json'), '--reassembly-jobs', '1']);
    assert.equal(compare.code === 0 || compare.code === 1, true, compare.stderr);
  });
});

import { readFileSync } from 'node:fs';
function require_(file: string): string { return readFileSync(file, 'utf8'); }
