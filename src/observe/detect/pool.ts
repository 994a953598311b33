/**
 * Detection on other cores. Reading and reassembly run on the main thread; detection, the other
 * half of the work on clear-text traffic, runs in a few worker threads over batches of flows. The
 * results are exactly detectFlow()'s (test/observe/detect/pool.test.ts checks it), in order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Detection } from '../../model/flow.js';
import type { RawFlow } from '../reader.js';
import type { KnownIdentifiers } from './detector.js';

import type { FlowRequest } from './fields.js';

/** What a detector reads of a flow: nothing else is copied to the workers. */
export type DetectInput = FlowRequest;
export interface DetectJob { id: number; flows: DetectInput[] }
export type DetectReply = { id: number; detections: Detection[][] } | { id: number; error: string };

/** Workers worth starting here: one core stays with the reader; none on a single core. */
export function defaultDetectionWorkers(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

export function detectInput(flow: RawFlow): DetectInput {
  const input: DetectInput = {};
  if (flow.url !== undefined) input.url = flow.url;
  if (flow.requestHeaders) input.requestHeaders = flow.requestHeaders;
  if (flow.requestBody) input.requestBody = flow.requestBody;
  if (flow.dns) input.dns = flow.dns;
  return input;
}

/** The worker module next to this one: .js when built, .ts under tsx (which then must be registered in the worker). */
function startWorker(identifiers: KnownIdentifiers | undefined): Worker {
  const self = new URL(import.meta.url);
  const typescript = self.pathname.endsWith('.ts');
  const entry = new URL(`./detect-worker.${typescript ? 'ts' : 'js'}`, self).href;
  const workerData = { identifiers };
  if (!typescript) return new Worker(new URL(entry), { workerData });
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

export class DetectionPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve(d: Detection[][]): void; reject(e: Error): void }>();
  private nextId = 0;
  private turn = 0;
  private failure: Error | undefined;

  constructor(size: number, identifiers?: KnownIdentifiers) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = startWorker(identifiers);
      worker.on('message', (reply: DetectReply) => this.settle(reply));
      worker.on('error', (error) => this.fail(error));
      // A worker that dies with batches outstanding would leave them waiting for ever.
      worker.on('exit', (code) => { if (this.waiting.size > 0) this.fail(new Error(`detection worker exited (code ${code}) with batches outstanding`)); });
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Detections of each flow of the batch, in order. Batches go round-robin over the workers. */
  detect(flows: DetectInput[]): Promise<Detection[][]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const promise = new Promise<Detection[][]>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.workers[this.turn++ % this.workers.length]!.postMessage({ id, flows } satisfies DetectJob);
    return promise;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(reply: DetectReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) waiter.reject(new Error(`detection failed in a worker: ${reply.error}`));
    else waiter.resolve(reply.detections);
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
