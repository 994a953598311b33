/**
 * `privdiff worker --queue redis://…`: takes study jobs from Redis and runs each in one of its own
 * worker processes (the same ProcessPool as the embedded queue, so the same per-app isolation).
 * A fault in an app's inputs fails its job at once (UnrecoverableError); a crash or a limit is
 * thrown as a plain error, which BullMQ retries with backoff. If this process dies, its jobs'
 * locks lapse and another worker's stalled-job check puts them back in the queue.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import type { AppJob, AppResult } from './app-job.js';
import { JOB_NAME } from './bullmq-jobs.js';
import { ProcessPool, type PoolLimits } from './process-pool.js';
import { redisConnection, type RedisTarget } from './redis-target.js';

export interface WorkerOptions extends PoolLimits {
  /** How long a job's lock lasts without renewal before the job counts as stalled, ms. */
  stallMs: number;
  log(line: string): void;
}

export interface RunningWorker {
  /** Stops taking jobs, waits for the running ones, then stops the processes. */
  close(): Promise<void>;
}

export async function startWorker(target: RedisTarget, options: WorkerOptions): Promise<RunningWorker> {
  const pool = new ProcessPool(options);
  const connection = redisConnection(target);
  const worker = new Worker<AppJob, AppResult>(target.queue, async (job) => {
    if (job.name !== JOB_NAME) throw new UnrecoverableError(`not a privdiff study job: ${job.name}`);
    options.log(`${job.data.app.id} started (job ${job.id}, attempt ${job.attemptsMade + 1})`);
    const outcome = await pool.run(job.data);
    if (outcome.ok) {
      options.log(`${job.data.app.id} done in ${(outcome.result.durationMs / 1000).toFixed(1)} s`);
      return outcome.result;
    }
    options.log(`${job.data.app.id} failed: ${outcome.error}`);
    throw outcome.retry ? new Error(outcome.error) : new UnrecoverableError(outcome.error);
  }, {
    connection,
    concurrency: options.workers,
    lockDuration: options.stallMs,
    stalledInterval: Math.max(500, Math.round(options.stallMs / 2)),
    // A job whose worker died is retried; one that stalls again and again (it kills every worker) ends failed.
    maxStalledCount: 2,
  });
  worker.on('error', (error) => options.log(`redis: ${error.message}`));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await pool.close();
      await connection.quit(); // BullMQ leaves a connection it was given open

    },
  };
}
