/**
 * Replays every input that once broke a parser (test/fixtures/fuzz/<target>/): each must now give
 * records or an InputError. `.bin` files are the input itself; `.json` recipes ({seed, iteration,
 * sha1}) rebuild an input derived from third-party seeds in ../shared/data, which stay out of the repo.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { mitmproxyReader } from '../../src/observe/mitmproxy/index.js';
import { inputAt } from './fuzz/replay.js';
import { runChild } from './child.js';
import { repoRoot, sharedData, targetNamed } from './fuzz/targets.js';
import { skipUnlessPresent } from '../helpers/shared-data.js';

const root = join(repoRoot, 'test', 'fixtures', 'fuzz');
const scratch = join(tmpdir(), `privdiff-fuzz-regression-${process.pid}`);

async function outcome(run: () => Promise<number>): Promise<string> {
  try {
    return `records: ${await run()}`;
  } catch (error) {
    if (error instanceof InputError) return `InputError at ${error.position ?? 'no position'}`;
    throw error;
  }
}

describe('fuzz regressions', () => {
  after(() => rmSync(scratch, { force: true }));
  const targets = existsSync(root) ? readdirSync(root).sort() : [];
  it('has regression inputs', () => assert.ok(targets.length > 0));

  for (const name of targets) {
    const target = targetNamed(name);
    for (const file of readdirSync(join(root, name)).sort()) {
      it(`${name}/${file}`, async function () {
        let input: Uint8Array;
        if (file.endsWith('.json')) {
          if (!existsSync(sharedData)) {
            // Mocha prints the title: say why this one did not run.
            this.test!.title += ' (skipped: its recipe rebuilds the input from ../shared/data, which is not beside this clone)';
            this.skip();
          }
          const recipe = JSON.parse(readFileSync(join(root, name, file), 'utf8')) as { seed: number; iteration: number; sha1: string };
          input = inputAt(name, recipe.seed, recipe.iteration, true);
          assert.equal(createHash('sha1').update(input).digest('hex'), recipe.sha1, 'the recipe no longer rebuilds the same input (seeds or mutator changed)');
        } else input = readFileSync(join(root, name, file));
        const result = await outcome(() => target.run(input, scratch));
        assert.match(result, /^(records: \d+|InputError at .+)$/);
      });
    }
  }

  it('broken PDFs whose pdf.js promises reject late do not end the process', async () => {
    const dir = join(root, 'pdf');
    const files = readdirSync(dir).filter((f) => f.startsWith('unhandled-rejection-')).map((f) => join(dir, f));
    assert.ok(files.length > 0);
    const { report } = await runChild('load-policies.ts', files);
    assert.equal((report.results as unknown[]).length, files.length);
  });

  it('a mitmproxy timestamp beyond what a Date holds does not crash the reader', async function () {
    const source = join(sharedData, 'captures', 'mitmproxy', 'flows--successful_log.mitm');
    skipUnlessPresent(this, source);
    const text = readFileSync(source, 'latin1');
    // Same length, all nines: ~1e17 s, past the year 275760 that a Date can hold.
    const bad = text.replace(/15:timestamp_start;(\d+):[\d.]+\^/g, (_, n: string) => `15:timestamp_start;${n}:${'9'.repeat(Number(n))}^`);
    assert.notEqual(bad, text, 'fixture edit applied');
    writeFileSync(scratch, Buffer.from(bad, 'latin1'));
    const flows = [];
    for await (const flow of mitmproxyReader.read(scratch, { source: scratch, warn: () => {} })) flows.push(flow);
    assert.ok(flows.length > 0);
    for (const f of flows) assert.ok(!Number.isNaN(Date.parse(f.time)));
  });
});
