/**
 * One direction of a TCP connection put back in order. Segments may arrive out of order,
 * twice (retransmission) or overlapping; bytes already delivered are trimmed off, later ones wait
 * in a bounded buffer. When the buffer overflows, or the stream is flushed with a hole in it, the
 * hole is skipped and reported as a gap so the consumer can resynchronise.
 */
import { concatBytes } from './bytes.js';

export type StreamEvent = { data: Uint8Array; time: number } | { gap: number; time: number };

const MOD = 2 ** 32;
const HALF = 2 ** 31;

/** a - b in sequence space, as a signed 32-bit distance. */
export function seqDiff(a: number, b: number): number {
  const d = (a - b) % MOD;
  const r = d < 0 ? d + MOD : d;
  return r >= 2 ** 31 ? r - MOD : r;
}

interface Pending {
  seq: number;
  data: Uint8Array;
  time: number;
}

export class TcpStream {
  /** Next sequence number expected; undefined until the first segment or SYN fixes it. */
  private next: number | undefined;
  private pending: Pending[] = [];
  private pendingBytes = 0;
  /** Bytes delivered so far. */
  delivered = 0;
  gaps = 0;
  gapBytes = 0;

  constructor(private readonly maxBuffered = 4 << 20) {}

  /** The SYN consumes one sequence number: data starts at isn + 1. */
  syn(isn: number): void {
    if (this.next === undefined) this.next = (isn + 1) % MOD;
  }

  /** `missing`: bytes of this segment that were not captured (snap length); in order, they become a gap at once. */
  push(seq: number, data: Uint8Array, time: number, missing = 0): StreamEvent[] {
    if (data.length === 0 && missing === 0) return [];
    if (this.next === undefined) this.next = seq;
    const events: StreamEvent[] = [];
    const behind = seqDiff(this.next, seq);
    if (behind >= data.length && !(behind === 0 && missing > 0)) return events; // a pure retransmission
    if (behind > 0) {
      seq = this.next;
      data = data.subarray(behind);
    }
    if (seq === this.next) {
      if (data.length > 0) this.deliver(data, time, events);
      if (missing > 0) {
        events.push({ gap: missing, time });
        this.gaps++;
        this.gapBytes += missing;
        this.next = (this.next + missing) % MOD;
      }
      this.drain(events);
    } else {
      this.store({ seq, data: Uint8Array.from(data), time });
      if (this.pendingBytes > this.maxBuffered) this.skipGap(events);
    }
    return events;
  }

  /** End of the stream (FIN, RST or end of capture): deliver what waits, skipping holes. */
  flush(): StreamEvent[] {
    const events: StreamEvent[] = [];
    while (this.pending.length > 0) this.skipGap(events);
    return events;
  }

  private deliver(data: Uint8Array, time: number, events: StreamEvent[]): void {
    events.push({ data, time });
    this.next = (this.next! + data.length) % MOD;
    this.delivered += data.length;
  }

  private store(p: Pending): void {
    // Keep the list sorted by distance from `next`; a duplicate start keeps the longer segment.
    const key = seqDiff(p.seq, this.next!);
    let i = 0;
    while (i < this.pending.length && seqDiff(this.pending[i]!.seq, this.next!) < key) i++;
    const same = this.pending[i];
    if (same && same.seq === p.seq) {
      if (same.data.length >= p.data.length) return;
      this.pendingBytes -= same.data.length;
      this.pending.splice(i, 1);
    }
    this.pending.splice(i, 0, p);
    this.pendingBytes += p.data.length;
  }

  /** Deliver every waiting segment that now touches `next`. */
  private drain(events: StreamEvent[]): void {
    while (this.pending.length > 0) {
      const head = this.pending[0]!;
      const behind = seqDiff(this.next!, head.seq);
      if (behind < 0) return;
      this.pending.shift();
      this.pendingBytes -= head.data.length;
      if (behind < head.data.length) this.deliver(head.data.subarray(behind), head.time, events);
    }
  }

  private skipGap(events: StreamEvent[]): void {
    const head = this.pending[0]!;
    const missing = seqDiff(head.seq, this.next!);
    if (missing === -HALF) {
      // Exactly half the sequence space away, the segment is neither ahead nor behind: seqDiff says
      // "behind" both ways, so drain() would never take it and flush() would loop for ever. Drop it.
      this.pending.shift();
      this.pendingBytes -= head.data.length;
      return;
    }
    if (missing > 0) {
      events.push({ gap: missing, time: head.time });
      this.gaps++;
      this.gapBytes += missing;
      this.next = head.seq;
    }
    this.drain(events);
  }
}

/** Joins the data events of a batch (used by tests and by consumers that want whole buffers). */
export function joinData(events: StreamEvent[]): Uint8Array {
  return concatBytes(events.flatMap((e) => ('data' in e ? [e.data] : [])));
}
