/**
 * Puts flows back in the order one thread would have produced them. Every segment or close handed
 * to a reassembly worker is an op, numbered in the order the main thread met it; flows a worker
 * completes carry their op's number. A flow made on the main thread (UDP, DNS over TCP, a
 * connection read here) is numbered by the ops handed out before it: it comes after op x - 1 and
 * before op x. Ordering by (number, main thread first, order of making) is the one-thread order.
 */
import type { RawFlow } from '../../reader.js';

interface RemoteFlows {
  ops: Float64Array;
  flows: RawFlow[];
  next: number;
}

export class FlowMerge {
  private local: RawFlow[] = [];
  /** For each local flow, the ops handed out before it. */
  private localOps: number[] = [];
  private localHead = 0;
  private readonly remote: RemoteFlows[][];

  constructor(shards: number) {
    this.remote = Array.from({ length: shards }, () => []);
  }

  /** A flow made on this thread once `opsBefore` ops had been handed out. */
  addLocal(flow: RawFlow, opsBefore: number): void {
    this.local.push(flow);
    this.localOps.push(opsBefore);
  }

  /** The flows of one batch of a worker, in its order, with their ops' numbers. */
  addRemote(shard: number, ops: Float64Array, flows: RawFlow[]): void {
    if (flows.length > 0) this.remote[shard]!.push({ ops, flows, next: 0 });
  }

  /** Appends to `into`, in order, every flow whose place is settled: all ops below `doneBelow` are done. */
  drain(doneBelow: number, into: RawFlow[]): void {
    for (;;) {
      let best = -1;
      let bestOp = this.localHead < this.local.length ? this.localOps[this.localHead]! : Infinity;
      // A local flow numbered x goes before op x, so it wins ties.
      for (let s = 0; s < this.remote.length; s++) {
        const head = this.remote[s]![0];
        if (head && head.ops[head.next]! < bestOp) {
          best = s;
          bestOp = head.ops[head.next]!;
        }
      }
      if (best < 0) {
        if (bestOp === Infinity || bestOp > doneBelow) break;
        into.push(this.local[this.localHead++]!);
        continue;
      }
      if (bestOp >= doneBelow) break;
      const queue = this.remote[best]!;
      const head = queue[0]!;
      into.push(head.flows[head.next++]!);
      if (head.next === head.flows.length) queue.shift();
    }
    if (this.localHead > 1024 && this.localHead * 2 > this.local.length) {
      this.local = this.local.slice(this.localHead);
      this.localOps = this.localOps.slice(this.localHead);
      this.localHead = 0;
    }
  }

  /** Flows waiting for earlier ops. */
  get waiting(): number {
    let n = this.local.length - this.localHead;
    for (const queue of this.remote) for (const batch of queue) n += batch.flows.length - batch.next;
    return n;
  }
}
