/**
 * `privdiff study run|report|diff` and `privdiff worker`: studies of many apps (src/study/).
 * The study modules (SQLite, BullMQ, Redis clients) load only when a study command runs, so the
 * other commands start as fast as before.
 * Registered on the main program by registerStudyCommands(); exit codes as everywhere: 0 fine,
 * 1 some app failed (run) or new findings (diff), 2 bad usage or an unreadable manifest.
 */
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from './main.js';
import { emit } from './main.js';
import { list } from './options.js';

function positive(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > max) throw new UsageError(`${name} takes a number above 0 and at most ${max} (got "${value}")`);
    return n;
  };
}

const limitOptions = (command: Command) => command
  .option('-j, --workers <n>', 'worker processes, one app each at a time (default: the cores)', positive('--workers', 256))
  .option('--app-timeout <seconds>', 'per-app time limit; an app over it fails and its process is replaced', positive('--app-timeout', 86_400), 600)
  .option('--app-memory <MB>', 'per-app memory limit (heap and resident set of its process)', positive('--app-memory', 1 << 20), 2048);

function limits(opts: { workers?: number; appTimeout: number; appMemory: number }) {
  return { workers: Math.floor(opts.workers ?? availableParallelism()), timeoutMs: Math.round(opts.appTimeout * 1000), memoryMb: Math.floor(opts.appMemory) };
}

/**
 * A study module's user errors as this module's UsageError. The study modules load lazily with
 * import(); under a loader that has already compiled errors.ts for require() (mocha with tsx) that
 * import makes a second copy of the error classes, which main()'s instanceof checks would not know.
 */
async function userErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && !(error instanceof UsageError) && (error.name === 'InputError' || error.name === 'UsageError')) throw new UsageError(error.message);
    throw error;
  }
}

/** Resolves on SIGINT or SIGTERM (a worker runs until told to stop). */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

export function registerStudyCommands(cli: Command, io: Io, result: { code: number }): void {
  const study = cli.command('study').summary('many apps: run, report, diff');

  limitOptions(study
    .command('run')
    .summary('check every app of a manifest; results in DIR/study.sqlite, reports in DIR/apps/<id>/')
    .argument('<manifest>', 'JSON Lines or CSV manifest (schemas/study.schema.json), or a folder holding apps/<id>/')
    .requiredOption('--out <dir>', 'study folder (created; a second run resumes: unchanged apps are skipped)')
    .option('--queue <url>', 'run the apps as BullMQ jobs on Redis (redis://HOST:PORT); `privdiff worker` processes them')
    .option('--jurisdiction <ids>', 'rule packs for apps that name none, comma-separated', list)
    .option('--region <region>', "the users' region for apps that name none"))
    .action((manifest: string, opts) => userErrors(async () => {
      const { runStudy } = await import('../study/runner.js');
      const { parseRedisTarget } = await import('../study/redis-target.js');
      const summary = await runStudy({
        source: manifest,
        out: opts.out,
        ...(opts.queue ? { redis: parseRedisTarget(opts.queue) } : {}),
        limits: limits(opts),
        defaults: { ...(opts.jurisdiction ? { jurisdictions: opts.jurisdiction } : {}), ...(opts.region ? { region: opts.region } : {}) },
        progressStream: process.stderr,
        log: (line) => io.stderr(`privdiff: ${line}\n`),
      });
      io.stdout(`study: ${summary.apps} apps — ${summary.done} checked, ${summary.skipped} unchanged since the last run, ${summary.failed.length} failed; results in ${summary.database}\n`);
      result.code = summary.failed.length > 0 ? 1 : 0;
    }));

  study
    .command('report')
    .summary('one page over the whole study (HTML), or its findings and observations as CSV')
    .argument('<dir>', 'study folder (the --out of study run)')
    .addOption(new Option('--format <format>', 'output format').choices(['html', 'csv']).default('html'))
    .addOption(new Option('--lang <lang>', 'report language').choices(['en', 'zh']).default('en'))
    .option('-o, --output <file>', 'write to a file (default: DIR/study.html or DIR/study.csv)')
    .action((dir: string, opts) => userErrors(async () => {
      const { readStudy } = await import('../study/report/read-study.js');
      const { studyCsv } = await import('../study/report/csv.js');
      const { studyHtml } = await import('../study/report/html.js');
      const data = readStudy(dir);
      const text = opts.format === 'csv' ? studyCsv(data) : studyHtml(data, { lang: opts.lang });
      const output = opts.output ?? `${dir.replace(/\/+$/, '')}/study.${opts.format}`;
      emit(io, text, output === '-' ? undefined : output);
      if (output !== '-') io.stdout(`study report written to ${output}\n`);
    }));

  study
    .command('diff')
    .summary('what changed between two runs of the same apps: new and fixed findings per app')
    .argument('<before>', 'study folder of the earlier run')
    .argument('<after>', 'study folder of the later run')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write to a file')
    .action((before: string, after: string, opts) => userErrors(async () => {
      const { readStudy } = await import('../study/report/read-study.js');
      const { diffStudies, diffText } = await import('../study/report/diff.js');
      const { validate } = await import('../vocab/schemas.js');
      const diff = diffStudies(readStudy(before), readStudy(after));
      if (opts.format === 'json') {
        const problem = validate('study-diff', diff);
        if (problem) throw new Error(`study diff does not fit its schema: ${problem}`);
      }
      emit(io, opts.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : diffText(diff), opts.output);
      result.code = diff.apps.some((a) => a.new.length > 0) ? 1 : 0;
    }));

  limitOptions(cli
    .command('worker')
    .summary('run study jobs from a BullMQ queue on Redis')
    .requiredOption('--queue <url>', 'redis://HOST:PORT (the same as the study run --queue)')
    .option('--stall-timeout <seconds>', 'a job whose worker stops renewing its lock this long is retried elsewhere', positive('--stall-timeout', 3600), 30))
    .action((opts) => userErrors(async () => {
      const { parseRedisTarget } = await import('../study/redis-target.js');
      const { startWorker } = await import('../study/bullmq-worker.js');
      const target = parseRedisTarget(opts.queue);
      const stopped = stopSignal();
      const worker = await startWorker(target, { ...limits(opts), stallMs: Math.round(opts.stallTimeout * 1000), log: (line) => io.stderr(`privdiff worker: ${line}\n`) });
      io.stderr(`privdiff worker: ready on ${target.host}:${target.port} queue ${target.queue}\n`);
      const signal = await stopped;
      io.stderr(`privdiff worker: ${signal}: finishing the running apps\n`);
      await worker.close();
    }));
}
