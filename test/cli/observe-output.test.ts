/** `privdiff observe` output (issue 15, 19): compact JSON in files, one flow a line with --format jsonl, progress lines. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { duration, PERIOD_MS, progress } from '../../src/cli/progress.js';
import { schemaValidator, validate } from '../../src/vocab/schemas.js';
import { runCli } from '../helpers/run-cli.js';

const capture = path.join('examples', 'capture.pcap');

describe('observe output formats', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'privdiff-observe-out-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('-o FILE is compact JSON (one line), the same document as the indented stdout', async () => {
    const file = path.join(dir, 'flows.json');
    const toFile = await runCli(['observe', capture, '-o', file]);
    assert.equal(toFile.code, 0, toFile.stderr);
    const text = readFileSync(file, 'utf8');
    assert.equal(text.trimEnd().split('\n').length, 1, 'one line');
    const onStdout = await runCli(['observe', capture]);
    assert.ok(onStdout.stdout.split('\n').length > 20, 'stdout stays indented for a person');
    const a = JSON.parse(text);
    const b = JSON.parse(onStdout.stdout);
    assert.deepEqual(a.flows, b.flows);
    assert.equal(validate('flow', a), undefined);
    assert.ok(text.length < onStdout.stdout.length * 0.7, `${text.length} vs ${onStdout.stdout.length} bytes`);
  });

  it('--format jsonl writes one valid flow a line and nothing else', async () => {
    const file = path.join(dir, 'flows.jsonl');
    const run = await runCli(['observe', capture, '--format', 'jsonl', '-o', file]);
    assert.equal(run.code, 0, run.stderr);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const whole = JSON.parse((await runCli(['observe', capture])).stdout);
    assert.equal(lines.length, whole.flows.length);
    schemaValidator('flow'); // flow-line.schema.json refers to it
    const line = schemaValidator('flow-line');
    for (const l of lines) assert.ok(line(JSON.parse(l)), JSON.stringify(line.errors));
    assert.deepEqual(lines.map((l) => JSON.parse(l).index), whole.flows.map((f: { index: number }) => f.index));
  });

  it('a cut capture in jsonl: the flows before the cut, the error on stderr, exit 2', async () => {
    const bytes = readFileSync(capture);
    const cut = path.join(dir, 'cut.pcap');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 10));
    const run = await runCli(['observe', cut, '--format', 'jsonl']);
    assert.equal(run.code, 2);
    assert.ok(run.stdout.trimEnd().split('\n').length > 0);
    for (const l of run.stdout.trimEnd().split('\n')) JSON.parse(l);
    assert.match(run.stderr, /cut\.pcap \(byte \d+\): the file ends inside a packet record/);
  });
});

describe('progress', () => {
  const fake = (isTTY: boolean) => {
    const lines: string[] = [];
    let now = 1_000_000;
    return { stream: { isTTY, write: (t: string) => lines.push(t) }, lines, tick: (ms: number) => (now += ms), now: () => now };
  };

  it('on a terminal: file, bar, share, rate, time left and flows; one summary line at the end', () => {
    const f = fake(true);
    const file = path.resolve(capture);
    const size = readFileSync(file).length;
    const p = progress(f.stream, { now: f.now });
    f.tick(1000);
    for (let i = 0; i < 5; i++) p.onFlow();
    p.onBytes(file, Math.floor(size / 2));
    const live = f.lines.at(-1)!;
    assert.match(live, /^\r\x1b\[Kcapture\.pcap [█░]{24} +50% of 0\.0 MB · 0\.0 MB\/s · 1 s left · 5 flows$/);
    f.tick(1000);
    p.onBytes(file, size);
    p.finish();
    assert.equal(f.lines.at(-2), '\r\x1b[K');
    assert.match(f.lines.at(-1)!, /^privdiff: read 1 capture, 0\.0 MB in 2\.0 s, 0\.0 MB\/s: 5 flows\n$/);
  });

  it('not a terminal: silent on short runs; a line every 5 s on long ones; --progress from the start', () => {
    const quiet = fake(false);
    const p = progress(quiet.stream, { now: quiet.now });
    p.onBytes('/dev/stdin', 10);
    quiet.tick(1000);
    p.onBytes('/dev/stdin', 20);
    p.finish();
    assert.deepEqual(quiet.lines, []);

    const long = fake(false);
    const q = progress(long.stream, { now: long.now });
    for (let s = 1; s <= 12; s++) {
      long.tick(1000);
      q.onBytes('/dev/stdin', s * 1e6);
    }
    q.finish();
    assert.equal(long.lines.length, 3, long.lines.join(''));
    assert.match(long.lines[0]!, /^privdiff: progress: \/dev\/stdin: 5\.0 MB · 1\.0 MB\/s · 0 flows\n$/);
    assert.match(long.lines[2]!, /^privdiff: read 1 capture, 12\.0 MB in 12\.0 s, 1\.0 MB\/s: 0 flows\n$/);

    const asked = fake(false);
    const r = progress(asked.stream, { now: asked.now, always: true });
    r.onBytes('/dev/stdin', 1);
    r.finish();
    assert.equal(asked.lines.length, 2);
    assert.ok(PERIOD_MS >= 1000);
  });

  it('durations read as a person writes them', () => {
    assert.equal(duration(4.4), '4 s');
    assert.equal(duration(75), '1:15');
    assert.equal(duration(3725), '1:02:05');
    assert.equal(duration(Number.POSITIVE_INFINITY), '?');
  });
});
