/** The embedded queue: the study's apps run in this machine's worker processes (ProcessPool). */
import type { AppJob } from './app-job.js';
import { ProcessPool, type PoolLimits } from './process-pool.js';
import type { AppQueue, QueueListener } from './queue.js';

export class EmbeddedQueue implements AppQueue {
  readonly kind = 'embedded';
  private listener: QueueListener | undefined;
  readonly pool: ProcessPool;

  constructor(limits: PoolLimits) {
    this.pool = new ProcessPool(limits, { onStart: (job) => this.listener?.started(job) });
  }

  async run(jobs: AppJob[], listener: QueueListener): Promise<void> {
    this.listener = listener;
    await Promise.all(jobs.map(async (job) => listener.finished(await this.pool.run(job))));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
