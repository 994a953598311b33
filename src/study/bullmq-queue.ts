/**
 * The BullMQ queue, coordinator side: one job per app on Redis, results collected as workers
 * (`privdiff worker`, on any machine) finish them. Events drive it; a slow poll of the jobs still
 * outstanding catches any event missed while a connection was down.
 */
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppJob, AppOutcome, AppResult } from './app-job.js';
import { JOB_NAME, JOB_OPTIONS, jobIdOf } from './bullmq-jobs.js';
import type { AppQueue, QueueListener } from './queue.js';
import { redisConnection, type RedisTarget } from './redis-target.js';

const POLL_MS = 2000;

export class BullmqQueue implements AppQueue {
  readonly kind = 'bullmq';
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  /** BullMQ leaves connections it was given open: they are ours to close. */
  private readonly connections: Redis[];

  constructor(target: RedisTarget) {
    this.connections = [redisConnection(target), redisConnection(target)];
    this.queue = new Queue(target.queue, { connection: this.connections[0] as Redis });
    this.events = new QueueEvents(target.queue, { connection: this.connections[1] as Redis });
  }

  async run(jobs: AppJob[], listener: QueueListener): Promise<void> {
    const byId = new Map(jobs.map((j) => [jobIdOf(j), j]));
    const outstanding = new Set(byId.keys());
    let done!: () => void;
    const allDone = new Promise<void>((resolve) => { done = resolve; });
    const finish = (id: string, outcome: (job: AppJob) => AppOutcome) => {
      const job = byId.get(id);
      if (!job || !outstanding.delete(id)) return; // another study's job, or already collected
      listener.finished(outcome(job));
      if (outstanding.size === 0) done();
    };
    const completed = (id: string, value: unknown) =>
      finish(id, (job) => ({ job, ok: true, result: (typeof value === 'string' ? JSON.parse(value) : value) as AppResult }));
    const failed = (id: string, reason: string) => finish(id, (job) => ({ job, ok: false, error: reason || 'failed without a reason', retry: false }));
    /** Looks a job up and collects it if it has ended (a failed attempt that will be retried has not). */
    const check = async (id: string) => {
      const state = await this.queue.getJobState(id);
      if (state === 'completed') completed(id, (await Job.fromId(this.queue, id))?.returnvalue);
      else if (state === 'failed') failed(id, (await Job.fromId(this.queue, id))?.failedReason ?? '');
    };

    this.events.on('active', ({ jobId }) => { const job = byId.get(jobId); if (job && outstanding.has(jobId)) listener.started(job); });
    this.events.on('completed', ({ jobId, returnvalue }) => completed(jobId, returnvalue));
    this.events.on('failed', ({ jobId }) => { if (outstanding.has(jobId)) void check(jobId); });
    await this.events.waitUntilReady();
    if (jobs.length === 0) return;

    for (const [id, job] of byId) {
      await this.queue.add(JOB_NAME, job, { ...JOB_OPTIONS, jobId: id });
      // The same job from an earlier run of the study: a finished one is collected, a failed one retried.
      const state = await this.queue.getJobState(id);
      if (state === 'completed') await check(id);
      else if (state === 'failed') await (await Job.fromId(this.queue, id))?.retry('failed');
    }
    const poll = setInterval(() => { for (const id of [...outstanding]) void check(id); }, POLL_MS);
    try {
      await allDone;
    } finally {
      clearInterval(poll);
    }
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
    await Promise.all(this.connections.map((c) => c.quit()));
  }
}
