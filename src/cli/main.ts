/**
 * The privdiff command line. Exit codes like a linter: 0 nothing at or above --fail-on,
 * 1 findings at or above it, 2 bad usage or unreadable input (one line, no stack trace).
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { appCategories, severityRank } from '../judge/index.js';
import type { Finding, Severity } from '../model/finding.js';
import { loadKnownIdentifiers } from '../observe/detect/index.js';
import { loadKeyLog } from '../observe/tls/keylog.js';
import { analyse, checkPolicyFile } from '../pipeline.js';
import { formatters } from '../report/index.js';
import { toolVersion } from '../report/version.js';
import { commandExtract, commandObserve, commandRules } from './commands.js';
import { consentAt, FAIL_LEVELS, FORMATS, jobs, list, oneOf } from './options.js';
import { openOutputFile, refuseInputAsOutput, type NamedInput, type OutputTarget } from './output-file.js';
import { progress } from './progress.js';
import { registerStudyCommands } from './study-command.js';
import { flowWriter } from './write-flows.js';
import { terminalSummary } from './summary.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

export function failingFindings(findings: Finding[], failOn: string): Finding[] {
  if (failOn === 'none') return [];
  const threshold = severityRank(failOn as Severity);
  return findings.filter((f) => severityRank(f.severity) >= threshold);
}

/** Writes to -o FILE (whole or not at all: see output-file.ts), or to stdout. */
export function emit(io: Io, text: string, output: string | undefined, inputs: readonly NamedInput[] = []): void {
  if (!output) {
    io.stdout(text);
    return;
  }
  const file = openOutputFile(output, inputs);
  file.write(text);
  file.commit();
}

/** A destination written piece by piece: -o FILE (synchronous writes to a temporary file, renamed at commit) or stdout. */
export function outputSink(io: Io, output: string | undefined, inputs: readonly NamedInput[] = []): OutputTarget {
  if (!output) return { write: io.stdout, commit: () => {}, abort: () => {} };
  return openOutputFile(output, inputs);
}

/** The inputs of a command by role, for refusing an `-o` that names one of them. */
function inputsOf(files: { policy?: string; captures?: string[]; identifiers?: string; keylog?: string }): NamedInput[] {
  const inputs: NamedInput[] = [];
  if (files.policy) inputs.push({ role: 'the policy', file: files.policy });
  for (const c of files.captures ?? []) inputs.push({ role: 'the capture', file: c });
  if (files.identifiers) inputs.push({ role: 'the identifiers file', file: files.identifiers });
  if (files.keylog) inputs.push({ role: 'the key log', file: files.keylog });
  return inputs;
}

const EXAMPLES = `
Examples:
  privdiff compare policy.html capture.pcap --identifiers device.json --region EU -o report.html --format html
  privdiff compare https://example.com/privacy app.har --jurisdiction pipl,gdpr --fail-on high
  privdiff extract policy.pdf --format md
  privdiff observe capture.pcapng --identifiers device.json
  privdiff check policy.md --jurisdiction gdpr
  privdiff rules list`;

const PROGRESS_HELP = 'progress lines on stderr even when it is not a terminal (by default: a live line on a terminal; elsewhere a line every 5 s once a run is long)';

const JOBS_HELP = 'worker threads for personal-data detection (default: one fewer than the cores, at most 4; 0: none)';

function program(io: Io): { cli: Command; result: { code: number } } {
  const result = { code: 0 };
  const cli = new Command('privdiff')
    .description('Does this app or website do what its privacy policy says?\nCompares a privacy policy (English or Chinese) with captured network traffic and reports\nevery personal-data flow the policy does not disclose, discloses vaguely, or contradicts.')
    .version(toolVersion(), '-V, --version')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run privdiff --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`privdiff: ${text.replace(/^error: /, '')}`) });

  cli
    .command('compare')
    .summary('compare a policy with captured traffic and report the gaps')
    .description('Compare a privacy policy with captured traffic: every personal-data flow gets a disclosure class\n(clear, vague, omitted, contradicted, ambiguous) and gaps become findings under the chosen laws.')
    .argument('<policy>', 'privacy policy: .html, .pdf, .txt, .md file or an http(s) URL')
    .argument('<capture...>', 'captures (pcap, pcapng, HAR, mitmproxy flow dump, JSON Lines flows) or phone privacy reports (iOS App Privacy Report, TrackerControl CSV)')
    .option('--identifiers <file>', "the test device's known identifiers (JSON, see schemas/identifiers.schema.json)")
    .option('--first-party <domains>', "the app's own domains, comma-separated (added to those named in the policy)", list)
    .option('--app <id>', "the app to read from a phone privacy report covering many: bundle id, package name or app name")
    .option('--jurisdiction <ids>', 'rule packs to apply, comma-separated (default: those of --region, else all); see `privdiff rules`', list)
    .option('--region <region>', "the user's region: EU, EEA, CN, US-CA, BR, UK or an ISO country code")
    .option('--consent-at <time|flow>', 'when the user consented (ISO time or flow index): earlier flows are checked for collection before consent')
    .option('--app-category <category>', `app type for China's necessary-information rules: ${appCategories().map((c) => c.id).join(', ')}`)
    .option('--keylog <file>', 'TLS key log (NSS format) to decrypt HTTPS in pcaps')
    .option('-j, --jobs <n>', JOBS_HELP, jobs)
    .addOption(new Option('--lang <lang>', 'policy language override and report language').choices(['en', 'zh']))
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('md'))
    .option('-o, --output <file>', 'write the report to a file (a summary goes to stdout)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_LEVELS).default('low'))
    .option('--reveal', 'show detected values unmasked in the report')
    .option('-q, --quiet', 'no summary on stdout')
    .option('--progress', PROGRESS_HELP)
    .action(async (policy: string, captures: string[], opts) => {
      const inputs = inputsOf({ policy, captures, identifiers: opts.identifiers, keylog: opts.keylog });
      // Checked before anything is read: a long run must not end by refusing to write.
      if (opts.output) refuseInputAsOutput(opts.output, inputs);
      const identifiers = opts.identifiers ? loadKnownIdentifiers(opts.identifiers) : undefined;
      const shown = progress(process.stderr, { always: opts.progress === true });
      const lang: 'en' | 'zh' | undefined = opts.lang;
      const { report, errors } = await analyse({
        policy, captures,
        ...(identifiers ? { identifiers } : {}),
        ...(opts.firstParty ? { firstParty: opts.firstParty } : {}),
        ...(opts.jurisdiction ? { jurisdictions: opts.jurisdiction } : {}),
        ...(opts.region ? { region: opts.region } : {}),
        ...(opts.consentAt ? { consentAt: consentAt(opts.consentAt) } : {}),
        ...(opts.appCategory ? { appCategory: opts.appCategory } : {}),
        ...(opts.app ? { app: opts.app } : {}),
        ...(lang ? { lang } : {}),
        ...(opts.keylog ? { keylog: await loadKeyLog(opts.keylog) } : {}),
        ...(opts.jobs !== undefined ? { detectionWorkers: opts.jobs as number } : {}),
        reveal: opts.reveal === true,
        onWarning: (m) => io.stderr(`privdiff: warning: ${m}\n`),
        onProgress: shown.onBytes,
        onFlow: shown.onFlow,
      });
      shown.finish();
      const reportLang = lang ?? report.policy.language;
      const formatter = formatters[opts.format as string];
      if (!formatter) throw new UsageError(`the ${opts.format} format is not available in this build`);
      emit(io, formatter(report, { lang: reportLang }), opts.output, inputs);
      if (opts.output && !opts.quiet) io.stdout(terminalSummary(report, reportLang, opts.output));
      for (const e of errors) io.stderr(`privdiff: ${e.message}\n`);
      result.code = errors.length > 0 ? 2 : failingFindings(report.findings, opts.failOn).length > 0 ? 1 : 0;
    });

  cli
    .command('extract')
    .summary('print the practice statements and notice elements of a policy')
    .argument('<policy>', 'privacy policy file or URL')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'md']).default('json'))
    .addOption(new Option('--lang <lang>', 'policy language override').choices(['en', 'zh']))
    .option('-o, --output <file>', 'write to a file')
    .action(async (policy: string, opts) => {
      const inputs = inputsOf({ policy });
      if (opts.output) refuseInputAsOutput(opts.output, inputs);
      emit(io, await commandExtract(policy, opts.format, opts.lang, (m) => io.stderr(`privdiff: warning: ${m}\n`)), opts.output, inputs);
    });

  cli
    .command('observe')
    .summary('print the flows of captures and the personal data they carry')
    .argument('<capture...>', 'captures: pcap, pcapng, HAR, mitmproxy flow dump or JSON Lines flows')
    .option('--identifiers <file>', "the test device's known identifiers (JSON)")
    .option('--first-party <domains>', "the app's own domains, comma-separated", list)
    .addOption(new Option('--format <format>', 'output format: json (one document; indented on stdout, compact in a file) or jsonl (one flow a line)').choices(['json', 'jsonl']).default('json'))
    .option('--keylog <file>', 'TLS key log (NSS format) to decrypt HTTPS in pcaps')
    .option('-j, --jobs <n>', JOBS_HELP, jobs)
    .option('--reveal', 'show detected values unmasked')
    .option('-o, --output <file>', 'write to a file')
    .option('--progress', PROGRESS_HELP)
    .action(async (captures: string[], opts) => {
      const inputs = inputsOf({ captures, identifiers: opts.identifiers, keylog: opts.keylog });
      if (opts.output) refuseInputAsOutput(opts.output, inputs);
      const identifiers = opts.identifiers ? loadKnownIdentifiers(opts.identifiers) : undefined;
      const shown = progress(process.stderr, { always: opts.progress === true });
      const sink = outputSink(io, opts.output, inputs);
      const out = flowWriter(sink.write, opts.format, !opts.output);
      let outcome;
      try {
        outcome = await commandObserve(captures, out, {
        ...(identifiers ? { identifiers } : {}),
        firstParty: opts.firstParty ?? [],
        ...(opts.keylog ? { keylog: await loadKeyLog(opts.keylog) } : {}),
        ...(opts.jobs !== undefined ? { detectionWorkers: opts.jobs as number } : {}),
        reveal: opts.reveal === true,
        onWarning: (m) => io.stderr(`privdiff: warning: ${m}\n`),
        onProgress: shown.onBytes,
        onFlow: shown.onFlow,
      });
      } catch (error) {
        // The document was ended (valid JSON); a file is still written, with the failure in its errors.
        sink.commit();
        throw error;
      }
      sink.commit();
      shown.finish();
      const { errors } = outcome;
      for (const e of errors) io.stderr(`privdiff: ${e.message}\n`);
      result.code = errors.length > 0 ? 2 : 0;
    });

  cli
    .command('check')
    .summary('policy-only checks: required notice elements under each law')
    .argument('<policy>', 'privacy policy file or URL')
    .option('--jurisdiction <ids>', 'rule packs, comma-separated (default: all)', list)
    .option('--region <region>', "the user's region, to choose rule packs")
    .addOption(new Option('--lang <lang>', 'policy language override and output language').choices(['en', 'zh']))
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('md'))
    .option('-o, --output <file>', 'write to a file')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_LEVELS).default('low'))
    .action(async (source: string, opts) => {
      const inputs = inputsOf({ policy: source });
      if (opts.output) refuseInputAsOutput(opts.output, inputs);
      const { policy, findings, packs } = await checkPolicyFile(source, opts.jurisdiction, opts.region, opts.lang);
      for (const warning of policy.warnings ?? []) io.stderr(`privdiff: warning: ${warning}\n`);
      const { buildReport } = await import('../report/index.js');
      const report = buildReport({ mode: 'check', policy, captures: [], flows: [], observations: [], findings, jurisdictions: packs.map((p) => p.jurisdiction) });
      const formatter = formatters[opts.format as string];
      if (!formatter) throw new UsageError(`the ${opts.format} format is not available in this build`);
      emit(io, formatter(report, { lang: opts.lang ?? policy.language }), opts.output, inputs);
      result.code = failingFindings(findings, opts.failOn).length > 0 ? 1 : 0;
    });

  cli
    .command('rules')
    .summary('list the jurisdiction rule packs, or show one rule')
    .argument('[action]', 'list | show', 'list')
    .argument('[id]', 'rule id for show (e.g. pipl/undisclosed-sharing)')
    .addOption(new Option('--lang <lang>', 'language of titles').choices(['en', 'zh']).default('en'))
    .option('--jurisdiction <ids>', 'only these packs', list)
    .action((action: string, id: string | undefined, opts) => {
      io.stdout(commandRules(action, id, opts.lang, opts.jurisdiction));
    });

  registerStudyCommands(cli, io, result);
  return { cli, result };
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const { cli, result } = program(io);
  try {
    if (argv.length === 0) {
      io.stdout(cli.helpInformation());
      return 0;
    }
    await cli.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof InputError || error instanceof UsageError) {
      io.stderr(`privdiff: ${error.message}\n`);
      return 2;
    }
    io.stderr(`privdiff: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
