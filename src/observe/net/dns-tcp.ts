/**
 * DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each message preceded by its two-byte length, several
 * per connection and either side. Sans-IO: one direction's reassembled bytes in, whole messages out.
 * A TCP gap loses the framing: that direction is read no further.
 */
import type { StreamEvent } from './tcp-stream.js';

export class DnsTcpFraming {
  private buf: Uint8Array = new Uint8Array(0);
  private stopped = false;
  /** Set when a gap stopped the framing. */
  problem?: string;

  push(event: StreamEvent): Array<{ message: Uint8Array; time: number }> {
    const out: Array<{ message: Uint8Array; time: number }> = [];
    if (this.stopped) return out;
    if ('gap' in event) {
      this.stopped = true;
      this.problem = `TCP gap of ${event.gap} bytes: the DNS messages after it are not read`;
      this.buf = new Uint8Array(0);
      return out;
    }
    this.buf = this.buf.length === 0 ? event.data : Buffer.concat([this.buf, event.data]);
    let at = 0;
    while (at + 2 <= this.buf.length) {
      const length = (this.buf[at]! << 8) | this.buf[at + 1]!;
      if (at + 2 + length > this.buf.length) break;
      out.push({ message: this.buf.subarray(at + 2, at + 2 + length), time: event.time });
      at += 2 + length;
    }
    this.buf = at === this.buf.length ? new Uint8Array(0) : Uint8Array.from(this.buf.subarray(at));
    return out;
  }
}
