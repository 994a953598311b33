/** The launcher starts Node again with a larger young generation for the commands that read captures. */
import assert from 'node:assert/strict';
import { fileSize, relaunch, relaunchArguments, RELAUNCHED_ENV, RELAUNCH_BYTES, SEMI_SPACE_FLAG } from '../../src/cli/relaunch.js';

const script = '/opt/privdiff/bin/privdiff.js';
/** Captures named *.pcap are large here; everything else is small. */
const sizes = (arg: string) => (arg.endsWith('.pcap') ? RELAUNCH_BYTES : arg.endsWith('.html') ? 40_000 : 0);

describe('relaunch', () => {
  const cases: Array<{ name: string; argv: string[]; execArgv?: string[]; env?: Record<string, string>; relaunched: boolean }> = [
    { name: 'compare', argv: ['compare', 'p.html', 'c.pcap'], relaunched: true },
    { name: 'compare of a small capture (a second start would cost more than it saves)', argv: ['compare', 'p.html', 'small.har'], relaunched: false },
    { name: 'observe after a global option', argv: ['--quiet', 'observe', 'c.pcap', '-o', 'f.json'], relaunched: true },
    { name: 'check (reads no capture)', argv: ['check', 'p.html'], relaunched: false },
    { name: 'no command', argv: ['--version'], relaunched: false },
    { name: 'help', argv: ['observe', '--help'], relaunched: false },
    { name: 'already relaunched', argv: ['observe', 'c.pcap'], env: { [RELAUNCHED_ENV]: '1' }, relaunched: false },
    { name: "the user's own flag", argv: ['observe', 'c.pcap'], execArgv: ['--max-semi-space-size=8'], relaunched: false },
    { name: "the user's NODE_OPTIONS", argv: ['observe', 'c.pcap'], env: { NODE_OPTIONS: '--enable-source-maps --min-semi-space-size=4' }, relaunched: false },
  ];
  for (const c of cases) {
    it(`${c.relaunched ? 'relaunches' : 'runs in place'}: ${c.name}`, () => {
      const args = relaunchArguments(script, c.argv, c.execArgv ?? [], c.env ?? {}, sizes);
      if (!c.relaunched) return assert.equal(args, undefined);
      assert.deepEqual(args, [...(c.execArgv ?? []), SEMI_SPACE_FLAG, script, ...c.argv]);
    });
  }

  it("keeps Node's own arguments before the flag and the script", () => {
    assert.deepEqual(relaunchArguments(script, ['observe', 'x.pcap'], ['--enable-source-maps'], {}, sizes), ['--enable-source-maps', SEMI_SPACE_FLAG, script, 'observe', 'x.pcap']);
  });

  it('counts the regular files the arguments name, and nothing else', () => {
    assert.ok(fileSize('package.json') > 100);
    assert.equal(fileSize('test'), 0, 'a folder');
    assert.equal(fileSize('no-such-file.pcap'), 0);
    assert.equal(fileSize('https://example.org/policy'), 0);
  });

  it('runs the child with the flag and the marker, and returns its exit code', async () => {
    const check = `process.exit(process.env.${RELAUNCHED_ENV} === '1' && process.execArgv.includes('${SEMI_SPACE_FLAG}') ? 3 : 4)`;
    assert.equal(await relaunch([SEMI_SPACE_FLAG, '-e', check]), 3);
  });
});
