/** The launcher starts Node again with a larger young generation for the commands that read captures. */
import assert from 'node:assert/strict';
import { relaunch, relaunchArguments, RELAUNCHED_ENV, SEMI_SPACE_FLAG } from '../../src/cli/relaunch.js';

const script = '/opt/privdiff/bin/privdiff.js';

describe('relaunch', () => {
  const cases: Array<{ name: string; argv: string[]; execArgv?: string[]; env?: Record<string, string>; relaunched: boolean }> = [
    { name: 'compare', argv: ['compare', 'p.html', 'c.pcap'], relaunched: true },
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
      const args = relaunchArguments(script, c.argv, c.execArgv ?? [], c.env ?? {});
      if (!c.relaunched) return assert.equal(args, undefined);
      assert.deepEqual(args, [...(c.execArgv ?? []), SEMI_SPACE_FLAG, script, ...c.argv]);
    });
  }

  it("keeps Node's own arguments before the flag and the script", () => {
    assert.deepEqual(relaunchArguments(script, ['observe', 'x'], ['--enable-source-maps'], {}), ['--enable-source-maps', SEMI_SPACE_FLAG, script, 'observe', 'x']);
  });

  it('runs the child with the flag and the marker, and returns its exit code', async () => {
    const check = `process.exit(process.env.${RELAUNCHED_ENV} === '1' && process.execArgv.includes('${SEMI_SPACE_FLAG}') ? 3 : 4)`;
    assert.equal(await relaunch([SEMI_SPACE_FLAG, '-e', check]), 3);
  });
});
