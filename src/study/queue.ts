/**
 * The two ways a study's apps get run — worker processes on this machine (embedded) or BullMQ
 * workers on any machine (bullmq) — behind one small interface. The runner neither knows nor
 * cares which: it hands over jobs and stores the outcomes as they arrive.
 */
import type { AppJob, AppOutcome } from './app-job.js';

export interface QueueListener {
  started(job: AppJob): void;
  /** Called exactly once per job. */
  finished(outcome: AppOutcome): void;
}

export interface AppQueue {
  readonly kind: 'embedded' | 'bullmq';
  /** Runs every job; resolves once each has finished (done or failed). */
  run(jobs: AppJob[], listener: QueueListener): Promise<void>;
  close(): Promise<void>;
}
