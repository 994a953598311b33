/**
 * Cleartext HTTP/2 on one TCP connection (h2c: prior knowledge, or after `Upgrade: h2c`): both
 * directions' reassembled bytes go to the HTTP/2 framer and each finished stream becomes an http
 * flow. A TCP gap loses that direction's framing (and HPACK state): the direction is read no further,
 * the other one still is, and the flows emitted after it say so.
 */
import type { RawFlow } from '../reader.js';
import type { Endpoints } from '../net/http-flow.js';
import type { StreamEvent } from '../net/tcp-stream.js';
import { H2Connection, type H2Exchange } from './h2-connection.js';
import { h2Flow } from './h2-flow.js';

export class H2cFlows {
  private readonly h2: H2Connection;
  /** Gaps that stopped a direction, as notes for the flows emitted after them. */
  private readonly gaps: string[] = [];
  private readonly stopped = { client: false, server: false };
  private ended = false;

  constructor(
    private readonly ends: Endpoints,
    private readonly nameForIp: (ip: string) => string | undefined,
    limits: { maxBody: number },
  ) {
    this.h2 = new H2Connection({ maxBody: limits.maxBody, maxStreams: 1000 });
  }

  push(fromClient: boolean, event: StreamEvent, out: RawFlow[]): void {
    const side = fromClient ? 'client' : 'server';
    if (this.stopped[side]) return;
    if ('gap' in event) {
      this.stopped[side] = true;
      this.gaps.push(`TCP gap of ${event.gap} bytes in the ${side} stream: its HTTP/2 frames are not read past it`);
      return;
    }
    for (const exchange of this.h2.push(fromClient, event.data, event.time)) out.push(this.flow(exchange));
  }

  end(out: RawFlow[]): void {
    if (this.ended) return;
    this.ended = true;
    for (const exchange of this.h2.end()) out.push(this.flow(exchange));
  }

  private flow(exchange: H2Exchange): RawFlow {
    const flow = h2Flow(exchange, this.ends, this.nameForIp, { authority: this.defaultAuthority(), scheme: 'http' });
    const notes = [...(flow.notes ?? []), ...this.gaps, ...(this.h2.problem ? [this.h2.problem] : [])];
    if (notes.length > 0) flow.notes = notes;
    return flow;
  }

  private defaultAuthority(): string {
    const name = this.nameForIp(this.ends.serverIp) ?? this.ends.serverIp;
    const bracketed = name.includes(':') ? `[${name}]` : name;
    return this.ends.serverPort === 80 ? bracketed : `${bracketed}:${this.ends.serverPort}`;
  }
}
