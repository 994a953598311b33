/**
 * One HAR entry or one JSON Lines line with a body far larger than any real upload (issue 16, 3:
 * a 500 MB HAR body took 3.2 GB, a 200 MB JSON Lines line 1.48 GB). The body is kept up to the
 * bound the pcap path uses for HTTP bodies; the flow says what was cut; the entries around it are
 * read; memory stays flat. Measured in a child process (peak RSS of that process only).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigBodyHar, writeBigJsonlLine } from '../fixtures/hostile/make-hostile.js';
import { runChild } from './child.js';

const BODY = 120e6;

describe('a 120 MB body in one HAR entry or one JSON Lines line', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'privdiff-big-entry-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, write, bodyPath] of [
    ['big-body.har', writeBigBodyHar, /request\.postData\.text \(at byte \d+\) of 120000\d+ bytes cut to the first 16777216/],
    ['big-line.jsonl', writeBigJsonlLine, /requestBody\.text \(at byte \d+\) of 120000\d+ bytes cut to the first 16777216/],
  ] as const) {
    it(`${name}: three flows, the body cut to 16 MiB and noted, its IMEI found, peak RSS flat`, async () => {
      const file = join(dir, name);
      write(file, BODY);
      const { report, peakRssMb } = await runChild('read-capture.ts', [file]);
      const flows = report.flows as Array<{ url?: string; problems: string[]; types: string[]; bodySize?: number }>;
      assert.equal(report.error, undefined);
      assert.equal(flows.length, 3, 'the entries before and after are read');
      const big = flows[1]!;
      assert.equal(big.bodySize, 16 << 20);
      assert.ok(big.problems.some((p) => bodyPath.test(p)), JSON.stringify(big.problems));
      assert.ok(big.problems.some((p) => /body of 120000\d+ bytes \(as written in the capture\) cut to the first 16777216/.test(p)), JSON.stringify(big.problems));
      assert.ok(big.types.includes('imei'), JSON.stringify(big.types));
      // Before: 6.5× the body (780 MB here); now the 16 MiB prefix, its text and detection.
      assert.ok(peakRssMb < 450, `peak RSS ${Math.round(peakRssMb)} MiB`);
    });
  }
});
