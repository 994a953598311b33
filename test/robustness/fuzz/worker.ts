/**
 * Runs one fuzz campaign inside a worker thread, so the parent can stop a hung or runaway parser.
 * Before each run the input is copied into shared memory and the iteration number published: the
 * parent reads both when it has to terminate us. Failures (exceptions other than InputError) are
 * posted as they happen, one per distinct signature.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { InputError } from '../../../src/errors.js';
import { Mutator, Rng } from './mutate.js';
import { targetNamed } from './targets.js';
import { CoverageTracker } from './coverage.js';
import type { WorkerInput, WorkerMessage } from './protocol.js';

const job = workerData as WorkerInput;
const target = targetNamed(job.target);
const progress = new Int32Array(job.progress);
const shared = new Uint8Array(job.input);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

// A parser that leaves a promise rejected and unhandled, or throws outside any await, would end a
// privdiff process: a failure, charged to the input being read (or just read) when it surfaces.
// While product code listens for rejections itself (the PDF loader absorbs pdf.js's own), it decides,
// and what it rethrows arrives here as an uncaught exception.
const escaped = (what: string) => (reason: unknown) => {
  const input = shared.slice(0, Atomics.load(progress, 1));
  post({ type: 'failure', kind: 'crash', iteration: Atomics.load(progress, 0), input, message: `${what}: ${describe(reason)}`, signature: `${what}|${signatureOf(reason)}` });
};
const unhandled = escaped('unhandled rejection');
process.on('unhandledRejection', (reason) => {
  if (process.listenerCount('unhandledRejection') === 1) unhandled(reason);
});
process.on('uncaughtException', escaped('uncaught exception'));

const rng = new Rng(job.seed);
const seeds = target.seeds(job.sharedSeeds);
const corpus = [...seeds];
const mutator = new Mutator(rng, corpus, { dictionary: target.dictionary, maxSize: target.maxSize });
const coverage = job.coverage ? await CoverageTracker.start() : undefined;
const scratch = join(tmpdir(), `privdiff-fuzz-${process.pid}-${job.target}-${job.seed}`);
const seen = new Set<string>();
let outputs = 0;
let inputErrors = 0;
let interesting = 0;
const unplaced: string[] = [];
const started = Date.now();
const total = job.iterations + seeds.length;

for (let i = 0; i < total && (job.seconds === undefined || Date.now() - started < job.seconds * 1000); i++) {
  // Seeds first, unmutated: a seed that fails is the clearest bug report.
  const input = i < seeds.length ? seeds[i]!.subarray(0, target.maxSize) : mutator.next(coverage ? rng.pick(corpus) : undefined);
  shared.set(input);
  Atomics.store(progress, 1, input.length);
  Atomics.store(progress, 0, i);
  try {
    outputs += await target.run(input, scratch);
  } catch (error) {
    if (error instanceof InputError) {
      inputErrors++;
      // Every user-facing error should say where in the file it is.
      if (!error.position && unplaced.length < 5 && !unplaced.includes(error.detail)) unplaced.push(error.detail);
    }
    else {
      const signature = signatureOf(error);
      if (!seen.has(signature) && seen.size < 20) {
        seen.add(signature);
        post({ type: 'failure', kind: 'crash', iteration: i, input, message: describe(error), signature });
      }
    }
  }
  if (coverage && (await coverage.novel()) && i >= seeds.length && corpus.length < 4096) {
    corpus.push(input);
    interesting++;
  }
}
rmSync(scratch, { force: true });
// Late rejections of the last inputs surface on a later turn of the event loop.
await new Promise((resolve) => setTimeout(resolve, 100));
post({ type: 'done', iterations: Atomics.load(progress, 0) + 1, outputs, inputErrors, unplaced, corpus: interesting, features: coverage?.features ?? 0 });

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : `thrown non-error: ${String(error)}`;
}

/** Error type, message without numbers, first frame in our sources: one bug, one report. */
function signatureOf(error: unknown): string {
  if (!(error instanceof Error)) return `non-error ${typeof error}`;
  const frame = (error.stack ?? '').split('\n').find((l) => l.includes('/src/')) ?? '';
  return `${error.name}|${error.message.replace(/\d+/g, 'N').slice(0, 120)}|${frame.replace(/:\d+:\d+\)?$/, '').trim()}`;
}
