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
import { detectFlow } from './detect-flow.js';
import type { FlowRequest } from './fields.js';

/** Workers get what a detector reads of each flow (FlowRequest), nothing else. */
export interface DetectJob { id: number; flows: FlowRequest[] }
export type DetectReply = { id: number; detections: Detection[][] } | { id: number; error: string };

/** Workers worth starting here: one core stays with the reader; none on a single core. */
export function defaultDetectionWorkers(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

export function detectInput(flow: RawFlow): FlowRequest {
  const input: FlowRequest = {};
  if (flow.url !== undefined) input.url = flow.url;
  if (flow.requestHeaders) input.requestHeaders = flow.requestHeaders;
  if (flow.requestBody) input.requestBody = flow.requestBody;
  if (flow.dns) input.dns = flow.dns;
  return input;
}

/** The worker module next to this one: .js when built, .ts under tsx (which then must be registered in the worker). */
function workerEntry(): string {
  const self = new URL(import.meta.url);
  return new URL(`./detect-worker.${self.pathname.endsWith('.ts') ? 'ts' : 'js'}`, self).href;
}

function startWorker(entry: string, identifiers: KnownIdentifiers | undefined): Worker {
  const typescript = new URL(entry).pathname.endsWith('.ts');
  const workerData = { identifiers };
  if (!typescript) return new Worker(new URL(entry), { workerData });
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

export interface PoolOptions {
  /** Called once if the workers cannot run (no worker threads here, a module that will not load). */
  onFallback?(message: string): void;
  /** The worker module (tests). */
  entry?: string;
}

/**
 * If the workers themselves fail (they do not start, or die), detection falls back to this thread
 * for the outstanding batches and every later one: the results are the same, only slower. A
 * detector that throws on a flow is a bug, not a worker failure: that batch is rejected.
 */
export class DetectionPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { flows: FlowRequest[]; resolve(d: Detection[][]): void; reject(e: Error): void }>();
  private nextId = 0;
  private turn = 0;
  private inline = false;

  constructor(size: number, private readonly identifiers?: KnownIdentifiers, private readonly options: PoolOptions = {}) {
    const entry = options.entry ?? workerEntry();
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = startWorker(entry, identifiers);
      worker.on('message', (reply: DetectReply) => this.settle(reply));
      worker.on('error', (error) => this.fallBack(error.message));
      // A worker that dies with batches outstanding would leave them waiting for ever.
      worker.on('exit', (code) => { if (this.waiting.size > 0) this.fallBack(`a worker exited (code ${code})`); });
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Detections of each flow of the batch, in order. Batches go round-robin over the workers. */
  detect(flows: FlowRequest[]): Promise<Detection[][]> {
    if (this.inline) return Promise.resolve(this.here(flows));
    const id = this.nextId++;
    const promise = new Promise<Detection[][]>((resolve, reject) => this.waiting.set(id, { flows, resolve, reject }));
    // A body is often a view into a larger reassembly or inflate buffer, and posting a view copies
    // its whole buffer (18× the body bytes on app captures): each body's bytes are copied into a
    // buffer of their own, which is moved to the worker, not cloned. The caller's flows stay whole
    // (they are detected here if the workers fail).
    const transfer: ArrayBuffer[] = [];
    const posted = flows.map((flow) => {
      if (!flow.requestBody) return flow;
      const bytes = new Uint8Array(flow.requestBody.bytes);
      transfer.push(bytes.buffer);
      return { ...flow, requestBody: { ...flow.requestBody, bytes } };
    });
    this.workers[this.turn++ % this.workers.length]!.postMessage({ id, flows: posted } satisfies DetectJob, transfer);
    return promise;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private here(flows: FlowRequest[]): Detection[][] {
    return flows.map((flow) => detectFlow(flow, this.identifiers));
  }

  private settle(reply: DetectReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) waiter.reject(new Error(`detection failed in a worker: ${reply.error}`));
    else waiter.resolve(reply.detections);
  }

  private fallBack(reason: string): void {
    if (!this.inline) {
      this.inline = true;
      this.options.onFallback?.(`detection worker threads unavailable (${reason}); detecting on the main thread`);
      void this.close();
    }
    const outstanding = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiter of outstanding) {
      try {
        waiter.resolve(this.here(waiter.flows));
      } catch (error) {
        waiter.reject(error as Error);
      }
    }
  }
}
