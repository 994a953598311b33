/**
 * Flows in capture order → their detections, handed back in the same order, shared between the
 * detection workers and the reading thread. Batches go to the workers while they keep up; when the
 * workers already hold as many batches as they may, the next batch is detected here instead of
 * waiting for them. On two cores (one worker beside the reader) the two threads then split
 * detection by how fast each one goes, instead of the reader idling while the worker is behind.
 * Memory stays bounded: flows per batch, request-body bytes per batch and in flight, batches queued.
 */
import type { Detection } from '../../model/flow.js';
import type { RawFlow } from '../reader.js';
import type { KnownIdentifiers } from './detector.js';
import { detectFlow } from './detect-flow.js';
import { detectInput, type DetectionPool } from './pool.js';

/** Flows per batch, and batches in flight per worker. */
const BATCH = 128;
const IN_FLIGHT_PER_WORKER = 4;
/**
 * Request bodies (up to 16 MB each) are bounded too: a batch is sent once it holds BATCH_BYTES of
 * them, and no more than IN_FLIGHT_BYTES wait for their detections.
 */
const BATCH_BYTES = 4 << 20;
const IN_FLIGHT_BYTES = 32 << 20;
/** Batches detected here may queue behind a worker's batch; past this many, the reader waits. */
const MAX_QUEUED_PER_WORKER = 16;

interface Entry {
  raws: RawFlow[];
  bytes: number;
  detections?: Detection[][];
  failure?: { error: unknown };
  /** Set while a worker holds the batch. */
  pending?: Promise<void>;
}

/** A flow with no request headers or body (a TLS hello, a DNS message): detected where it is. */
const light = (raw: RawFlow) => !raw.requestHeaders && !raw.requestBody;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class DetectionQueue {
  private readonly entries: Entry[] = [];
  private batch: RawFlow[] = [];
  private batchBytes = 0;
  private queuedBytes = 0;
  private atWorkers = 0;
  private sentAny = false;

  constructor(
    /** The worker pool, started on first use (small inputs never pay for it). */
    private readonly pool: () => DetectionPool,
    private readonly workers: number,
    private readonly identifiers: KnownIdentifiers | undefined,
    /** Receives every flow with its detections, in the order pushed. */
    private readonly finish: (raw: RawFlow, detections: Detection[]) => void,
  ) {}

  /** Queues one flow; returns a promise only when the caller must wait before pushing more. */
  push(raw: RawFlow): Promise<void> | undefined {
    this.batch.push(raw);
    this.batchBytes += raw.requestBody?.bytes.length ?? 0;
    if (this.batch.length < BATCH && this.batchBytes < BATCH_BYTES) return undefined;
    this.dispatch();
    this.finishSettled();
    if (this.entries.length > this.workers * MAX_QUEUED_PER_WORKER || (this.entries.length > 1 && this.queuedBytes > 2 * IN_FLIGHT_BYTES)) return this.drain(this.workers * IN_FLIGHT_PER_WORKER);
    // A turn of the event loop lets the workers' replies in: the reader may not yield for a whole
    // file chunk (a megabyte of packets), and a worker whose batches are done would idle meanwhile.
    return this.sentAny ? nextTurn() : undefined;
  }

  /** Detects what is left and hands every flow on; also after a reader fault. */
  async flush(): Promise<void> {
    // A short tail is not worth a worker when none was used.
    if (!this.sentAny) {
      for (const raw of this.batch.splice(0)) this.finish(raw, detectFlow(raw, this.identifiers));
      this.batchBytes = 0;
    } else if (this.batch.length > 0) {
      this.dispatch();
    }
    await this.drain(0);
  }

  /** The current batch to a worker when they have room, else detected on this thread. */
  private dispatch(): void {
    const entry: Entry = { raws: this.batch, bytes: this.batchBytes };
    this.batch = [];
    this.batchBytes = 0;
    const workersFull = this.atWorkers >= this.workers * IN_FLIGHT_PER_WORKER || (this.atWorkers > 0 && this.inFlightBytes() + entry.bytes > IN_FLIGHT_BYTES);
    if (workersFull || entry.raws.every(light)) {
      entry.detections = entry.raws.map((raw) => detectFlow(raw, this.identifiers));
    } else {
      this.sentAny = true;
      this.atWorkers++;
      // Flows with no request headers or body (TLS hellos, DNS) take less to detect here than to
      // post: only the others go to the worker, and the answers are put back in order.
      const here: Array<Detection[] | undefined> = entry.raws.map((raw) => (light(raw) ? detectFlow(raw, this.identifiers) : undefined));
      const sent = entry.raws.filter((_, i) => here[i] === undefined);
      entry.pending = this.pool()
        .detect(sent.map(detectInput))
        .then(
          (answers) => {
            let next = 0;
            entry.detections = here.map((d) => d ?? answers[next++]!);
          },
          (error: unknown) => { entry.failure = { error }; },
        )
        .finally(() => {
          this.atWorkers--;
          entry.pending = undefined;
        });
    }
    this.entries.push(entry);
    this.queuedBytes += entry.bytes;
  }

  private inFlightBytes(): number {
    let bytes = 0;
    for (const e of this.entries) if (e.pending) bytes += e.bytes;
    return bytes;
  }

  /** Hands on the leading batches whose detections are in. */
  private finishSettled(): void {
    while (this.entries.length > 0 && !this.entries[0]!.pending) this.finishHead();
  }

  private finishHead(): void {
    const entry = this.entries.shift()!;
    this.queuedBytes -= entry.bytes;
    if (entry.failure) throw entry.failure.error;
    const found = entry.detections!;
    for (let i = 0; i < entry.raws.length; i++) this.finish(entry.raws[i]!, found[i]!);
  }

  /** Waits for batches in order until at most `keep` remain queued. */
  private async drain(keep: number): Promise<void> {
    while (this.entries.length > keep) {
      const head = this.entries[0]!;
      if (head.pending) await head.pending;
      this.finishHead();
    }
    this.finishSettled();
  }
}
