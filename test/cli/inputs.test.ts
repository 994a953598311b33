/**
 * Where inputs come from and what they are: standard input, pipes, FIFOs and `<(…)`; a capture
 * given where the policy belongs; JSON Lines bodies of the wrong shape; warnings that name the file
 * once.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'privdiff-inputs-'));
const example = (f: string) => path.join('examples', f);
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

/** Writes a file into a new FIFO once a reader opens it; the FIFO's path. */
function fifoOf(source: string, name: string): string {
  const fifo = path.join(tmp, name);
  spawnSync('mkfifo', [fifo]);
  // The writer blocks until privdiff opens the FIFO for reading: a child process, so this one can go on.
  spawn('sh', ['-c', `cat "${source}" > "${fifo}"`], { stdio: 'ignore' });
  return fifo;
}

/** The CLI as its own process with a file on standard input (in-process runs share the test runner's stdin). */
function runWithStdin(args: string[], stdinFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
      "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));", ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    createReadStream(stdinFile).pipe(child.stdin);
  });
}

const flowCount = (stdout: string) => (JSON.parse(stdout) as { flows: unknown[] }).flows.length;

describe('inputs from pipes and standard input', () => {
  it('observe reads a pcap and a HAR from FIFOs (no ESPIPE), as from the files', async function () {
    if (!hasMkfifo) this.skip();
    for (const capture of ['capture.pcap', 'capture.har']) {
      const fromFile = await runCli(['observe', example(capture)]);
      const fromFifo = await runCli(['observe', fifoOf(example(capture), `${capture}.fifo`)]);
      assert.equal(fromFifo.code, 0, fromFifo.stderr);
      assert.equal(flowCount(fromFifo.stdout), flowCount(fromFile.stdout), capture);
    }
  });

  it('compare reads the policy from a FIFO', async function () {
    if (!hasMkfifo) this.skip();
    const run = await runCli(['compare', fifoOf(example('policy.en.html'), 'policy.fifo'), example('capture.pcap'), '--region', 'EU', '--format', 'json', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { policy: { practices: unknown[] }; findings: unknown[] };
    assert.ok(report.policy.practices.length > 5);
  });

  it('- reads a capture from standard input', async () => {
    const run = await runWithStdin(['observe', '-'], example('capture.pcap'));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(flowCount(run.stdout), 7);
  });

  it('- reads the policy from standard input', async () => {
    const run = await runWithStdin(['extract', '-'], example('policy.zh.md'));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).language, 'zh');
  });

  it('empty standard input and - given twice are one-line errors', async () => {
    const empty = path.join(tmp, 'empty');
    writeFileSync(empty, '');
    const run = await runWithStdin(['observe', '-'], empty);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^privdiff: <stdin>: the input is empty$/m);
    const twice = await runCli(['compare', '-', '-']);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /standard input \(-\) can be given as one input only/);
  });
});

describe('a capture where the policy belongs (swapped arguments)', () => {
  for (const [capture, what] of [['capture.pcap', 'a pcap capture'], ['capture.har', 'a HAR capture']] as const) {
    it(`compare ${capture} policy.en.html: one line naming ${what}, exit 2`, async () => {
      const run = await runCli(['compare', example(capture), example('policy.en.html')]);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `privdiff: ${example(capture)}: this is ${what}, not a privacy policy: the policy comes first (privdiff compare <policy> <capture>...)\n`);
    });
  }

  it('extract and check refuse a capture too', async () => {
    for (const command of ['extract', 'check']) {
      const run = await runCli([command, example('capture.pcap')]);
      assert.equal(run.code, 2, command);
      assert.match(run.stderr, /this is a pcap capture, not a privacy policy/);
    }
  });
});

describe('JSON Lines flows with a body of the wrong shape', () => {
  const line = (body: unknown) => JSON.stringify({ time: '2026-03-02T08:15:00Z', protocol: 'http', host: 'api.example.com', method: 'POST', url: 'http://api.example.com/x', requestBody: body });

  for (const [body, got] of [['imei=861234567890125', 'a string'], [{ text: 'a', base64: 'YQ==' }, 'an object with both "text" and "base64"'], [{}, 'an empty object']] as const) {
    it(`requestBody ${JSON.stringify(body)}: says what is expected, with the line number`, async () => {
      const file = path.join(tmp, `body-${typeof body === 'string' ? 'string' : Object.keys(body).length}.jsonl`);
      writeFileSync(file, `${line({ text: 'ok' })}\n${line(body)}\n`);
      const run = await runCli(['observe', file]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, new RegExp(`\\(line 2\\): requestBody must be \\{"text": "…"\\} for UTF-8 text or \\{"base64": "…"\\} for other bytes \\(got ${got.replace(/[()]/g, '\\$&')}\\)`));
      assert.equal(flowCount(run.stdout), 1, 'the flow before the fault is kept');
    });
  }
});

describe('warnings', () => {
  it('name the file once (not "x.har: x.har: entry 1 …")', async () => {
    const file = path.join(tmp, 'one-bad-entry.har');
    writeFileSync(file, JSON.stringify({ log: { version: '1.2', entries: [
      { startedDateTime: '2026-03-02T08:15:00Z', request: { method: 'GET', url: 'http://api.example.com/a', headers: [] }, response: { status: 200, headers: [] } },
      { startedDateTime: '2026-03-02T08:15:01Z' },
    ] } }));
    const run = await runCli(['observe', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, `privdiff: warning: ${file}: entry 1 skipped: entry has no request\n`);
  });
});
