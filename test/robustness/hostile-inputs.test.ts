/**
 * Hostile and faulty inputs through the command line (issue 16): each one gets one clear line and
 * exit 2 where the input is at fault, keeps what was read before the fault, and never loses or
 * overwrites a file. Inputs come from test/fixtures/hostile/make-hostile.ts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandObserve } from '../../src/cli/commands.js';
import { openOutputFile } from '../../src/cli/output-file.js';
import { guardStdout } from '../../src/cli/stdout-guard.js';
import { flowWriter } from '../../src/cli/write-flows.js';
import { decodeBytes } from '../../src/load/charset.js';
import { writePcap, TcpConversation } from '../../src/observe/pcap/writer.js';
import { validate } from '../../src/vocab/schemas.js';
import { gbkDeclaredUtf8, harWithTrailingData, jsonlDnsWithoutAnswers, POLICY_EN, randomBytes, smallHar, utf8DeclaredLatin1 } from '../fixtures/hostile/make-hostile.js';
import { runCli } from '../helpers/run-cli.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI in a child process (for what only a real process shows: stdout descriptors, unbounded reads). */
function runProcess(args: string[], stdoutFile: string | undefined, timeoutMs = 90_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const launcher = `const { guardStdout } = await import(${JSON.stringify(join(repo, 'src/cli/stdout-guard.ts'))}); guardStdout();
const { main } = await import(${JSON.stringify(join(repo, 'src/cli/main.ts'))});
process.exitCode = await main(JSON.parse(process.env.PRIVDIFF_ARGS));`;
  const shell = `exec "${process.execPath}" --import tsx --input-type=module -e "$LAUNCHER"${stdoutFile ? ` > ${stdoutFile}` : ''}`;
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', shell], { cwd: repo, timeout: timeoutMs, env: { ...process.env, LAUNCHER: launcher, PRIVDIFF_ARGS: JSON.stringify(args) }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

function plainPcap(): Uint8Array {
  const c = new TcpConversation({ ip: '10.0.0.2', port: 40000 }, { ip: '203.0.113.7', port: 80 }, 1_772_440_000).handshake();
  c.send(true, Buffer.from('GET /kept?imei=861234567890127 HTTP/1.1\r\nHost: api.example.cn\r\n\r\n'));
  c.send(false, Buffer.from('HTTP/1.1 204 No Content\r\n\r\n'));
  c.close();
  const d = new TcpConversation({ ip: '10.0.0.2', port: 40001 }, { ip: '203.0.113.8', port: 80 }, 1_772_440_001).handshake();
  d.send(true, Buffer.from('GET /second HTTP/1.1\r\nHost: api.example.cn\r\n\r\n'));
  return writePcap([...c.frames, ...d.frames]);
}

describe('hostile and faulty inputs (issue 16)', function () {
  this.timeout(180_000);
  let dir: string;
  const at = (name: string) => join(dir, name);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'privdiff-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('policies without an end (1)', () => {
    it('extract /dev/zero stops at the size limit: one line, exit 2', async () => {
      const run = await runProcess(['extract', '/dev/zero'], undefined);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr.trim(), /^privdiff: \/dev\/zero \(byte 20971520\): more than 20971520 bytes/);
      assert.equal(run.stderr.trim().split('\n').length, 1);
    });

    it('a pipe that never ends (yes …) stops at the size limit', async () => {
      const endless = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const launcher = `const { main } = await import(${JSON.stringify(join(repo, 'src/cli/main.ts'))}); process.exitCode = await main(['extract', '/dev/stdin']);`;
        execFile('/bin/sh', ['-c', `yes 'We collect your e-mail address.' | "${process.execPath}" --import tsx --input-type=module -e "$LAUNCHER"`], { cwd: repo, timeout: 90_000, env: { ...process.env, LAUNCHER: launcher } }, (error, _out, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }));
      });
      assert.equal(endless.code, 2, endless.stderr);
      assert.match(endless.stderr, /more than 20971520 bytes \(the limit for a policy\)/);
    });
  });

  describe('writing -o (9, 10)', () => {
    it('the previous file stays whole until the new one is complete, and no temporary file is left', () => {
      const target = at('report.json');
      writeFileSync(target, 'OLD REPORT');
      const out = openOutputFile(target);
      out.write('{"partial":');
      assert.equal(readFileSync(target, 'utf8'), 'OLD REPORT', 'nothing replaced mid-write');
      out.abort();
      assert.equal(readFileSync(target, 'utf8'), 'OLD REPORT', 'a failed write keeps the previous file');
      const again = openOutputFile(target);
      again.write('{"complete":true}');
      again.commit();
      assert.equal(readFileSync(target, 'utf8'), '{"complete":true}');
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    });

    it('a write that fails part-way (file size limit: EFBIG, as a full disk gives ENOSPC) keeps the previous file, one line, exit 2', async () => {
      const target = at('limited.json');
      writeFileSync(target, 'OLD REPORT');
      const many = at('many.jsonl');
      writeFileSync(many, Array.from({ length: 3000 }, (_, i) => `{"time":"2026-03-02T08:00:00Z","protocol":"http","host":"api.example.cn","method":"GET","url":"http://api.example.cn/e${i}?imei=861234567890127"}\n`).join(''));
      const launcher = `const { main } = await import(${JSON.stringify(join(repo, 'src/cli/main.ts'))}); process.exitCode = await main(JSON.parse(process.env.PRIVDIFF_ARGS));`;
      // SIGXFSZ ignored, so a write past `ulimit -f` (256 KiB; the output is about 1 MB) fails with EFBIG instead of killing the process.
      const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile('/bin/sh', ['-c', `trap '' XFSZ; ulimit -f 512; exec "${process.execPath}" --import tsx --input-type=module -e "$LAUNCHER"`], {
          cwd: repo, timeout: 90_000, env: { ...process.env, LAUNCHER: launcher, PRIVDIFF_ARGS: JSON.stringify(['observe', many, '-o', target]) },
        }, (error, _out, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }));
      });
      assert.equal(run.code, 2, run.stderr);
      // (Other lines may be warnings: the size limit also stops the loader's cache of compiled sources.)
      const lines = run.stderr.trim().split('\n').filter((l) => !l.includes('warning:'));
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0]!, /^privdiff: .*limited\.json: cannot write \(EFBIG: file too large\); the previous file is kept$/);
      assert.equal(readFileSync(target, 'utf8'), 'OLD REPORT');
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    });

    for (const [role, args, victim] of [
      ['the capture', (f: Record<string, string>) => ['observe', f.capture!, '-o', f.capture!], 'capture'],
      ['the policy (through a symlink)', (f: Record<string, string>) => ['compare', f.policy!, f.capture!, '-o', f.link!], 'policy'],
      ['the identifiers file', (f: Record<string, string>) => ['compare', f.policy!, f.capture!, '--identifiers', f.ids!, '-o', f.ids!], 'ids'],
      ['the policy of extract', (f: Record<string, string>) => ['extract', f.policy!, '-o', f.policy!], 'policy'],
    ] as const) {
      it(`-o naming ${role} is refused with exit 2 and the file is untouched`, async () => {
        const files = { capture: at('c.jsonl'), policy: at('p.md'), ids: at('ids.json'), link: at('link-to-policy.md') };
        writeFileSync(files.capture, jsonlDnsWithoutAnswers());
        writeFileSync(files.policy, POLICY_EN.join('\n\n'));
        writeFileSync(files.ids, '{"imei":"861234567890127"}');
        rmSync(files.link, { force: true });
        symlinkSync(files.policy, files.link);
        const before = readFileSync(files[victim]);
        const run = await runCli(args(files));
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /refusing to overwrite an input/);
        assert.deepEqual(readFileSync(files[victim]), before);
      });
    }
  });

  describe('records the schema admits, and output that stays valid (11)', () => {
    it('a JSON Lines DNS flow without answers: every flow reported, exit 0', async () => {
      const file = at('dns-no-answers.jsonl');
      writeFileSync(file, jsonlDnsWithoutAnswers());
      const run = await runCli(['observe', file]);
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout);
      assert.equal(validate('flow', out), undefined);
      assert.equal(out.flows.length, 3);
      assert.deepEqual(out.flows[1].dns.answers, []);
      const compare = await runCli(['compare', join(repo, 'examples', 'policy.en.html'), file, '--format', 'json', '--fail-on', 'none']);
      assert.equal(compare.code, 0, compare.stderr);
    });

    it('observe ends its JSON document even when reading fails with a bug', async () => {
      const file = at('three.jsonl');
      writeFileSync(file, jsonlDnsWithoutAnswers());
      let text = '';
      const writer = flowWriter((t) => { text += t; }, 'json', true);
      let seen = 0;
      await assert.rejects(commandObserve([file], writer, {
        firstParty: [], reveal: false, onWarning: () => {}, detectionWorkers: 0,
        onFlow: () => { if (++seen === 3) throw new Error('a bug in a later stage'); },
      }), /a bug in a later stage/);
      const doc = JSON.parse(text);
      assert.equal(doc.flows.length, 2, 'the flows before the failure are kept');
      assert.deepEqual(doc.errors, ['internal error: a bug in a later stage']);
    });
  });

  describe('trailing data and truncation (12, 13)', () => {
    it('a complete HAR followed by trailing data keeps its entries and warns', async () => {
      const file = at('trailing.har');
      writeFileSync(file, harWithTrailingData());
      const run = await runCli(['observe', file]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout).flows.length, 3);
      assert.match(run.stderr, /data after the end of the HAR document \(byte \d+\) was ignored/);
    });

    it('every format cut mid-record: the flows before the cut, one line naming the position, exit 2', async () => {
      const pcap = plainPcap();
      const har = Buffer.from(smallHar(3));
      const jsonl = Buffer.from(jsonlDnsWithoutAnswers());
      const { sampleMitmDump } = await import('../fixtures/mitmproxy/write-flows.js');
      const mitm = sampleMitmDump();
      const { pcapToPcapng } = await import('./fuzz/targets.js');
      const pcapng = pcapToPcapng(pcap);
      for (const [name, bytes, cut, position] of [
        ['cut.pcap', pcap, 30, /\(byte \d+\)/],
        ['cut.pcapng', pcapng, 30, /\(byte \d+\)/],
        ['cut.har', har, 30, /\(entry 2, byte \d+\)/],
        ['cut.jsonl', jsonl, 30, /\(line 3\)/],
        ['cut.mitm', mitm, 30, /\(flow 2, byte \d+\)/],
      ] as const) {
        const file = at(name);
        writeFileSync(file, bytes.subarray(0, bytes.length - cut));
        const run = await runCli(['observe', file]);
        assert.equal(run.code, 2, `${name}: ${run.stderr}`);
        const doc = JSON.parse(run.stdout);
        assert.ok(doc.flows.length >= 1, `${name}: flows before the cut are reported`);
        assert.equal(doc.errors.length, 1, name);
        const errorLines = run.stderr.split('\n').filter((l) => l && !l.includes('warning:'));
        assert.equal(errorLines.length, 1, `${name}: ${run.stderr}`);
        assert.match(errorLines[0]!, position, name);
      }
    });
  });

  describe('standard output that cannot be written (14)', () => {
    it('observe > /dev/full: one line, exit 2, no stack trace', async function () {
      if (!existsSync('/dev/full')) this.skip();
      const run = await runProcess(['observe', join(repo, 'examples', 'capture.pcap')], '/dev/full');
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr.trim(), 'privdiff: cannot write to standard output (ENOSPC: no space left on device)');
    });

    it('a closed pipe (| head) still ends quietly with 0', () => {
      let code: number | undefined;
      const listeners: Array<(e: NodeJS.ErrnoException) => void> = [];
      const stream = { on: (_: string, f: (e: NodeJS.ErrnoException) => void) => listeners.push(f) } as unknown as NodeJS.WriteStream;
      const lines: string[] = [];
      guardStdout(stream, (c) => { code = c; }, (t) => lines.push(t));
      listeners[0]!(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      assert.equal(code, 0);
      assert.deepEqual(lines, []);
    });
  });

  describe('policies whose bytes are not what they say (15)', () => {
    it('UTF-8 Chinese declared iso-8859-1 is read as UTF-8, with a warning', () => {
      const { text, charset, warning } = decodeBytes(utf8DeclaredLatin1(), { html: true });
      assert.equal(charset, 'utf-8');
      assert.ok(text.includes('我们会收集您的手机号码'));
      assert.match(warning ?? '', /declared charset windows-1252 does not fit the bytes .*read as utf-8/);
    });

    it('GBK declared UTF-8 is read as GBK, with a warning', () => {
      const { text, charset, warning } = decodeBytes(gbkDeclaredUtf8(), { html: true });
      assert.equal(charset, 'gb18030');
      assert.ok(text.includes('我们会收集您的手机号码'));
      assert.match(warning ?? '', /declared charset utf-8 does not fit the bytes \(\d+\.\d% undecodable bytes\); read as gb18030/);
    });

    it('compare with a mis-declared page finds its practices; random bytes say loudly that the policy gave nothing', async () => {
      const page = at('declared-wrong.html');
      writeFileSync(page, utf8DeclaredLatin1());
      const capture = at('flows.jsonl');
      writeFileSync(capture, jsonlDnsWithoutAnswers());
      const good = await runCli(['compare', page, capture, '--format', 'json', '--fail-on', 'none']);
      assert.equal(good.code, 0, good.stderr);
      const report = JSON.parse(good.stdout);
      assert.ok(report.policy.practices.some((p: { dataType: string }) => p.dataType === 'phone_number'));
      assert.match(good.stderr, /warning: .*declared-wrong\.html: the declared charset/);

      const noise = at('noise.txt');
      writeFileSync(noise, randomBytes(4096));
      const bad = await runCli(['compare', noise, capture, '--format', 'json', '--fail-on', 'none']);
      const empty = JSON.parse(bad.stdout);
      assert.equal(empty.policy.practices.length, 0);
      assert.equal(validate('report', empty), undefined);
      assert.ok(empty.policy.warnings.some((w: string) => /does not decode cleanly/.test(w)), JSON.stringify(empty.policy.warnings));
      assert.ok(empty.policy.warnings.some((w: string) => /no practice statements found/.test(w)));
      assert.match(bad.stderr, /warning: .*noise\.txt: no practice statements found/);
    });
  });
});
