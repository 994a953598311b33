/**
 * Runs a fuzz campaign for one target in a worker thread and watches it: a worker whose iteration
 * counter stops moving for `hangMs` is terminated and its current input reported as a hang; one
 * that exceeds its heap limit is reported as out-of-memory with the input it was reading.
 */
import { Worker } from 'node:worker_threads';
import { targetNamed } from './targets.js';
import type { WorkerInput, WorkerMessage } from './protocol.js';

export interface Failure {
  kind: 'crash' | 'hang' | 'oom';
  iteration: number;
  input: Uint8Array;
  message: string;
}

export interface CampaignResult {
  target: string;
  iterations: number;
  outputs: number;
  inputErrors: number;
  /** Distinct InputError details that came without a position (up to five). */
  unplaced: string[];
  /** Inputs kept for new coverage (coverage mode). */
  corpus: number;
  features: number;
  ms: number;
  failures: Failure[];
}

export interface CampaignOptions {
  seed?: number;
  iterations: number;
  seconds?: number;
  coverage?: boolean;
  /** Seed from ../shared/data too (long campaigns); CI uses the repository's own seeds only. */
  sharedSeeds?: boolean;
  /** No progress for this long means a hang. */
  hangMs?: number;
  heapMb?: number;
}

/** How long a worker may take to load before its first input (tsx compiles the sources on first use). */
const STARTUP_MS = 180_000;

export function runCampaign(targetName: string, options: CampaignOptions): Promise<CampaignResult> {
  const target = targetNamed(targetName);
  const progress = new SharedArrayBuffer(8);
  const input = new SharedArrayBuffer(target.maxSize);
  const job: WorkerInput = { target: targetName, seed: options.seed ?? 1, iterations: options.iterations, coverage: options.coverage ?? false, sharedSeeds: options.sharedSeeds ?? false, progress, input };
  if (options.seconds !== undefined) job.seconds = options.seconds;
  const hangMs = options.hangMs ?? 10_000;
  const started = Date.now();
  const failures: Failure[] = [];
  const counters = new Int32Array(progress);
  // -1 until the worker starts its first input. Loading the parsers (tsx compiling them) and the
  // first input's lazy imports (pdf.js) can take longer than a hang's limit on a busy machine, and
  // are no hang of the parser: the first input gets the start-up allowance.
  Atomics.store(counters, 0, -1);
  const current = (): { iteration: number; input: Uint8Array } => ({
    iteration: Atomics.load(counters, 0),
    input: new Uint8Array(input.slice(0, Atomics.load(counters, 1))),
  });

  return new Promise((resolve, reject) => {
    // The worker is TypeScript: register tsx inside it (the tsx CLI does not pass its loader on to workers).
    const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); })`;
    const worker = new Worker(boot, {
      eval: true,
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 768 },
    });
    let last = -1;
    let lastChange = Date.now();
    let settled = false;
    const finish = (stats: Omit<CampaignResult, 'target' | 'ms' | 'failures' | 'unplaced'> & { unplaced?: string[] }) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      resolve({ target: targetName, ...stats, unplaced: stats.unplaced ?? [], ms: Date.now() - started, failures });
    };
    const watch = setInterval(() => {
      const now = current();
      if (now.iteration !== last) {
        last = now.iteration;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > (now.iteration < 1 ? STARTUP_MS : hangMs)) {
        failures.push({ kind: 'hang', ...now, message: `no progress for ${hangMs} ms` });
        void worker.terminate();
        finish({ iterations: now.iteration, outputs: 0, inputErrors: 0, corpus: 0, features: 0 });
      }
    }, 100);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'failure') failures.push({ kind: m.kind, iteration: m.iteration, input: new Uint8Array(m.input), message: m.message });
      else {
        const { type: _type, ...stats } = m;
        finish(stats);
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const now = current();
        failures.push({ kind: 'oom', ...now, message: error.message });
        finish({ iterations: now.iteration, outputs: 0, inputErrors: 0, corpus: 0, features: 0 });
      } else if (!settled) {
        settled = true;
        clearInterval(watch);
        reject(error);
      }
    });
    worker.on('exit', (code) => {
      if (!settled) {
        const now = current();
        failures.push({ kind: 'crash', ...now, message: `worker exited with code ${code}` });
        finish({ iterations: now.iteration, outputs: 0, inputErrors: 0, corpus: 0, features: 0 });
      }
    });
  });
}
