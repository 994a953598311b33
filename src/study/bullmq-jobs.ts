/** What the coordinator and the BullMQ workers agree on: job names, ids, retry policy. */
import type { JobsOptions } from 'bullmq';
import type { AppJob } from './app-job.js';

export const JOB_NAME = 'app';

/** Idempotent: the same app with the same inputs, options and version is one job, however often added. */
export function jobIdOf(job: AppJob): string {
  // BullMQ reserves ':' in custom ids; '@' keeps the id readable.
  return `${job.app.id}@${job.runKey.slice(0, 24)}`;
}

/** Crashes and limits are retried with backoff; a job that keeps failing ends failed with its error. */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  // Finished jobs stay a week so a restarted coordinator collects results it had not stored yet.
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
