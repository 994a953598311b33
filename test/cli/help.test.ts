/** The help and the rules listing read as a person expects: whole sentences, aligned columns. */
import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { program } from '../../src/cli/main.js';
import { displayWidth } from '../../src/load/text-utils.js';
import { runCli } from '../helpers/run-cli.js';

const quiet = { stdout: () => {}, stderr: () => {} };

function commands(root: Command): Command[] {
  return [root, ...root.commands.flatMap(commands)];
}

describe('help', () => {
  it('every description is one paragraph (commander wraps it; a hard line break left one-word lines)', () => {
    const { cli } = program(quiet);
    for (const cmd of commands(cli)) {
      const texts = [cmd.description(), cmd.summary(), ...cmd.options.map((o) => o.description), ...cmd.registeredArguments.map((a) => a.description)];
      for (const text of texts) assert.doesNotMatch(text, /\n/, `${cmd.name()}: ${JSON.stringify(text)}`);
    }
  });

  it('no line of any command\'s help is wider than 80 columns, except the command summary table', async () => {
    for (const args of [['--help'], ...['compare', 'extract', 'observe', 'check', 'rules'].map((c) => [c, '--help'])]) {
      const run = await runCli(args);
      assert.equal(run.code, 0);
      const wide = run.stdout.split('\n').filter((l) => displayWidth(l) > 80 && !/^ {2}(\w+ \[options\]|help \[command\]|privdiff )/.test(l));
      assert.deepEqual(wide, [], args.join(' '));
    }
  });

  it('compare --help shows --report-lang, --policy-lang, --app and the app categories, not the deprecated --lang', async () => {
    const run = await runCli(['compare', '--help']);
    for (const option of ['--report-lang', '--policy-lang', '--app <id>', '-q, --quiet']) assert.ok(run.stdout.includes(option), option);
    assert.doesNotMatch(run.stdout, /--lang </);
    assert.match(run.stdout, /takes:\n {2}navigation, ride-hailing,/);
  });
});

describe('rules list and rules show', () => {
  it('rules list: the severity and title columns start at the same place on every rule line', async () => {
    for (const lang of ['en', 'zh']) {
      const run = await runCli(['rules', 'list', '--lang', lang]);
      assert.equal(run.code, 0);
      assert.ok(run.stdout.endsWith('\n') && !run.stdout.endsWith('\n\n'), 'one final newline');
      const ruleLines = run.stdout.split('\n').filter((l) => l.startsWith('  '));
      assert.ok(ruleLines.length > 80);
      const severityAt = new Set(ruleLines.map((l) => l.search(/ (high|medium|low|info) /)));
      const titleAt = new Set(ruleLines.map((l) => displayWidth(/^ {2}\S+\s+\S+\s+/.exec(l)![0])));
      assert.equal(severityAt.size, 1, `severity columns: ${[...severityAt].join(', ')}`);
      assert.equal(titleAt.size, 1, `title columns: ${[...titleAt].join(', ')}`);
    }
  });

  it('rules --jurisdiction narrows the listing and refuses an unknown pack', async () => {
    const run = await runCli(['rules', 'list', '--jurisdiction', 'pipl']);
    assert.match(run.stdout, /^pipl — /);
    assert.doesNotMatch(run.stdout, /gdpr\//);
    const bad = await runCli(['rules', 'list', '--jurisdiction', 'mars']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown jurisdiction "mars"/);
  });

  it('rules show: the condition in words, no raw JSON, one final newline', async () => {
    const run = await runCli(['rules', 'show', 'gdpr/third-country-transfer']);
    assert.equal(run.code, 0);
    assert.doesNotMatch(run.stdout, /[{}]/);
    assert.match(run.stdout, /fires on a gap with\n {2}finding kind: +undisclosed_cross_border\n/);
    assert.match(run.stdout, /needs: the policy and the traffic/);
    assert.ok(run.stdout.endsWith('\n') && !run.stdout.endsWith('\n\n'));
    const many = await runCli(['rules', 'show', 'cn-app/third-party-without-consent']);
    assert.match(many.stdout, /recipient: +a third party|finding kind: +\S+ or \S+/);
  });
});
