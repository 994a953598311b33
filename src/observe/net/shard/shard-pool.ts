/**
 * The main thread's side of the reassembly workers: one record batch being written per worker,
 * batches in flight (posted, flows not back yet) bounded by the caller, flows coming back merged in
 * order. A worker that fails or exits fails the pool: every later call to settle() rejects with an
 * Error naming the worker and its reason; nothing waits for ever.
 */
import { Worker } from 'node:worker_threads';
import type { RawFlow } from '../../reader.js';
import type { Endpoints } from '../http-flow.js';
import type { SegmentFields } from '../connection-segment.js';
import { BatchWriter, type Batch, type SecretsBlock } from './segment-batch.js';
import { decodeFlows, type EncodedFlows } from './flow-codec.js';
import type { FlowMerge } from './flow-merge.js';
import type { ShardSetup } from './shard-worker.js';

/** A batch for a worker: its records, in one transferred buffer. */
export interface ShardJob {
  id: number;
  buffer: ArrayBuffer;
  length: number;
}

/** A worker's answer to one batch: the flows its ops completed, each with its op's number. */
export interface ShardReply extends EncodedFlows {
  id: number;
  ops: Float64Array;
  /** Connections whose bytes the worker no longer reads. */
  muted: number[];
}

/** Bytes of records per batch: large enough that messages are few, small enough to keep workers fed. */
const BATCH_BYTES = 256 << 10;

interface Shard {
  worker: Worker;
  writer: BatchWriter;
  /** First op of each batch posted and not answered, in order (-1: none in that batch). */
  inFlight: number[];
  nextId: number;
}

/** The worker module next to this one: .js when built, .ts under tsx (which then must be registered in the worker). */
function workerEntry(): string {
  const self = new URL(import.meta.url);
  return new URL(`./shard-worker.${self.pathname.endsWith('.ts') ? 'ts' : 'js'}`, self).href;
}

function startWorker(entry: string, setup: ShardSetup): Worker {
  if (!new URL(entry).pathname.endsWith('.ts')) return new Worker(new URL(entry), { workerData: setup });
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: setup });
}

export class ShardPool {
  private readonly shards: Shard[];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private closing = false;

  constructor(
    size: number,
    setup: ShardSetup,
    private readonly merge: FlowMerge,
    /** Told of connections whose bytes their worker no longer reads. */
    private readonly onMuted: (id: number) => void,
    entry = workerEntry(),
  ) {
    this.shards = Array.from({ length: size }, (_, k) => {
      const worker = startWorker(entry, setup);
      const shard: Shard = { worker, writer: new BatchWriter(BATCH_BYTES, (batch) => this.post(shard, batch)), inFlight: [], nextId: 0 };
      worker.on('message', (reply: ShardReply) => this.answer(k, shard, reply));
      worker.on('error', (error) => this.fail(new Error(`TCP reassembly worker ${k + 1} failed: ${error.message}`, { cause: error })));
      worker.on('messageerror', (error) => this.fail(new Error(`TCP reassembly worker ${k + 1} sent a message that could not be read: ${error.message}`)));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`TCP reassembly worker ${k + 1} exited (code ${code}) while reading the capture`));
      });
      return shard;
    });
  }

  get size(): number {
    return this.shards.length;
  }

  open(shard: number, id: number, ends: Endpoints, time: number): void {
    this.shards[shard]!.writer.open(id, ends, time);
  }

  segment(shard: number, id: number, op: number, fromClient: boolean, seg: SegmentFields, time: number, cut: number): void {
    this.shards[shard]!.writer.segment(id, op, fromClient, seg, time, cut);
  }

  close(shard: number, id: number, op: number): void {
    this.shards[shard]!.writer.close(id, op);
  }

  /** A DNS answer: every worker names servers by it from here on. */
  name(ip: string, name: string): void {
    for (const shard of this.shards) shard.writer.name(ip, name);
  }

  /** TLS secrets read from the capture: every worker can decrypt with them from here on. */
  secrets(block: SecretsBlock): void {
    for (const shard of this.shards) shard.writer.secrets(block);
  }

  /** Posts every batch being written. */
  flush(): void {
    for (const shard of this.shards) if (!shard.writer.empty) this.post(shard, shard.writer.take());
  }

  /** The most batches any one worker has not answered yet. */
  get busiest(): number {
    let most = 0;
    for (const shard of this.shards) most = Math.max(most, shard.inFlight.length);
    return most;
  }

  /** The lowest op not done yet (posted or still being written), or `next` when every op handed out is done. */
  doneBelow(next: number): number {
    let low = next;
    for (const shard of this.shards) {
      // Ops grow along the batches: the first one holding any is the lowest.
      const first = shard.inFlight.find((op) => op >= 0) ?? shard.writer.firstOp;
      if (first >= 0) low = Math.min(low, first);
    }
    return low;
  }

  /** Resolves when a worker next answers; rejects once a worker has failed. */
  settle(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.wake = () => (this.failure ? reject(this.failure) : resolve());
    });
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  async terminate(): Promise<void> {
    this.closing = true;
    await Promise.all(this.shards.map((s) => s.worker.terminate()));
  }

  private post(shard: Shard, batch: Batch): void {
    shard.inFlight.push(batch.firstOp);
    const job: ShardJob = { id: shard.nextId++, buffer: batch.buffer, length: batch.length };
    shard.worker.postMessage(job, [batch.buffer]);
  }

  private answer(k: number, shard: Shard, reply: ShardReply): void {
    shard.inFlight.shift();
    this.merge.addRemote(k, reply.ops, decodeFlows(reply));
    for (const id of reply.muted) this.onMuted(id);
    this.wakeUp();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
