/** What the coordinator and the BullMQ workers agree on: job names, ids, retry policy. */
import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { AppJob } from './app-job.js';

export const JOB_NAME = 'app';

/**
 * Idempotent: the same app with the same inputs, options and version, reported to the same study
 * folder, is one job however often it is added. (The folder counts: a job's reports are written
 * there, so another study of the same apps needs jobs of its own.)
 */
export function jobIdOf(job: AppJob): string {
  const key = createHash('sha256').update(`${job.runKey}\u0000${job.reportDir}`).digest('hex').slice(0, 24);
  // BullMQ reserves ':' in custom ids; '@' keeps the id readable.
  return `${job.app.id}@${key}`;
}

/** Crashes and limits are retried with backoff; a job that keeps failing ends failed with its error. */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  // Finished jobs stay a week so a restarted coordinator collects results it had not stored yet.
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
