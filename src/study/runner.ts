/**
 * `privdiff study run`: reads the manifest, skips every app whose stored result still holds (same
 * input contents, options and privdiff version), hands the rest to a queue — embedded worker
 * processes or BullMQ — and stores each outcome as it arrives.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { toolVersion } from '../report/version.js';
import type { AppJob, AppOutcome } from './app-job.js';
import { BullmqQueue } from './bullmq-queue.js';
import { EmbeddedQueue } from './embedded-queue.js';
import { appKey, AppInputError, appOptions } from './input-hash.js';
import { readManifest, type ManifestDefaults } from './manifest.js';
import type { PoolLimits } from './process-pool.js';
import { ProgressBar } from './progress-bar.js';
import type { AppQueue } from './queue.js';
import type { RedisTarget } from './redis-target.js';
import { DB_FILE, StudyStore } from './store.js';

export interface StudyRunOptions {
  source: string;
  out: string;
  /** BullMQ on Redis; embedded worker processes when absent. */
  redis?: RedisTarget;
  limits: PoolLimits;
  defaults?: ManifestDefaults;
  /** Where the progress bar is drawn (only if a terminal). */
  progressStream?: NodeJS.WriteStream;
  /** One line per failed app. */
  log(line: string): void;
  /** The queue to use instead of the one the options describe (tests, the benchmark). */
  queue?: AppQueue;
}

export interface StudyRunSummary {
  apps: number;
  /** Not run again: their stored result still holds. */
  skipped: number;
  done: number;
  failed: { id: string; error: string }[];
  database: string;
  queue: AppQueue['kind'];
}

export async function runStudy(options: StudyRunOptions): Promise<StudyRunSummary> {
  const manifest = readManifest(options.source, options.defaults);
  const out = path.resolve(options.out);
  mkdirSync(path.join(out, 'apps'), { recursive: true });
  const database = path.join(out, DB_FILE);
  const store = new StudyStore(database);
  const version = toolVersion();
  const queue = options.queue ?? (options.redis ? new BullmqQueue(options.redis) : new EmbeddedQueue(options.limits));
  const counts = { total: manifest.apps.length + manifest.faults.length, skipped: 0, done: 0, failed: 0, running: 0 };
  const bar = new ProgressBar(options.progressStream, counts);
  const failed: StudyRunSummary['failed'] = [];
  const running = new Set<string>();
  const fail = (id: string, error: string) => {
    failed.push({ id, error });
    counts.failed++;
    bar.above(`${id}: ${error}`, options.log);
  };
  try {
    for (const fault of manifest.faults) {
      store.upsertApp(fault);
      store.saveFailed(fault, { runKey: 'manifest' }, fault.error, queue.kind, version);
      fail(fault.id, fault.error);
    }
    const jobs: AppJob[] = [];
    for (const app of manifest.apps) {
      store.upsertApp(app);
      let key;
      try {
        key = await appKey(app, version);
      } catch (error) {
        if (!(error instanceof AppInputError)) throw error;
        const message = `${app.origin}: ${error.message}`;
        store.saveFailed(app, { runKey: 'inputs', options: appOptions(app) }, message, queue.kind, version);
        fail(app.id, message);
        continue;
      }
      const last = store.lastRun(app.id);
      if (last?.status === 'done' && last.run_key === key.runKey) {
        counts.skipped++;
        continue;
      }
      jobs.push({ app, ...key, reportDir: path.join(out, 'apps', app.id) });
    }
    bar.update(true);
    const ticker = setInterval(() => bar.update(), 1000);
    try {
      await queue.run(jobs, {
        // A retried BullMQ job starts more than once: running counts apps, not starts.
        started: (job) => { running.add(job.app.id); counts.running = running.size; bar.update(); },
        finished: (outcome: AppOutcome) => {
          running.delete(outcome.job.app.id);
          counts.running = running.size;
          if (outcome.ok) {
            store.saveDone(outcome.job, outcome.result, queue.kind, version);
            counts.done++;
            bar.update();
          } else {
            store.saveFailed(outcome.job.app, { runKey: outcome.job.runKey, inputHash: outcome.job.inputHash, options: appOptions(outcome.job.app) }, outcome.error, queue.kind, version);
            fail(outcome.job.app.id, outcome.error);
          }
        },
      });
    } finally {
      clearInterval(ticker);
    }
    bar.end();
  } finally {
    if (!options.queue) await queue.close();
    store.close();
  }
  return { apps: counts.total, skipped: counts.skipped, done: counts.done, failed, database, queue: queue.kind };
}
