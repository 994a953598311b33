/**
 * DNS messages → dns flows, over UDP or TCP alike: each query waits for its response (matched by
 * client address, port, id and name; a query sent again with the same id waits in line, so each
 * sending is its own flow), and every answer teaches an address → name mapping that names later
 * connections' servers.
 */
import type { RawFlow } from '../reader.js';
import type { DnsMessage } from './dns.js';
import { isoTime } from './http-flow.js';
import { DnsNames } from './dns-names.js';

export interface DnsEnd {
  ip: string;
  port: number;
}

interface PendingQuery {
  time: number;
  clientIp: string;
  clientPort: number;
  serverIp: string;
  serverPort: number;
  query: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export class DnsTracker {
  /** Queries waiting for a response, oldest first for each key. */
  private readonly queries = new Map<string, PendingQuery[]>();
  private pendingCount = 0;
  private readonly names: DnsNames;

  constructor(
    private readonly limits: { maxPendingDnsQueries: number; maxDnsNames: number },
    /** Told of every address → name answer, in order. */
    onName?: (ip: string, name: string) => void,
  ) {
    this.names = new DnsNames(limits.maxDnsNames, onName);
    this.nameForIp = this.names.get;
  }

  /** The DNS name last answered for an address in this capture. */
  readonly nameForIp: (ip: string) => string | undefined;

  /** The address → name answers learnt so far, least recent first. */
  learntNames(): IterableIterator<[string, string]> {
    return this.names.entries();
  }

  /** One parsed message from `src` to `dst`; the flows it completes go to `out`. */
  message(message: DnsMessage, src: DnsEnd, dst: DnsEnd, time: number, transport: 'udp' | 'tcp', out: RawFlow[]): void {
    if (!message.query) return;
    if (!message.response) {
      const key = `${src.ip}|${src.port}|${message.id}|${message.query.name.toLowerCase()}`;
      if (this.pendingCount >= this.limits.maxPendingDnsQueries) this.evictOldest(out);
      const query = { time, clientIp: src.ip, clientPort: src.port, serverIp: dst.ip, serverPort: dst.port, query: message.query.name, type: message.query.type, transport };
      const waiting = this.queries.get(key);
      if (waiting) waiting.push(query);
      else this.queries.set(key, [query]);
      this.pendingCount++;
      return;
    }
    const key = `${dst.ip}|${dst.port}|${message.id}|${message.query.name.toLowerCase()}`;
    const query = this.take(key) ?? { time, clientIp: dst.ip, clientPort: dst.port, serverIp: src.ip, serverPort: src.port, query: message.query.name, type: message.query.type, transport };
    for (const answer of message.answers) {
      if (!/^[\d.]+$|:/.test(answer)) continue; // CNAME targets are names, not addresses
      this.names.learn(answer, message.query.name.toLowerCase());
    }
    out.push(this.flow(query, message.answers, message.rcode !== 0 ? `DNS error code ${message.rcode}` : undefined));
  }

  /** End of the capture: queries never answered become flows saying so. */
  end(out: RawFlow[]): void {
    for (const waiting of this.queries.values()) for (const q of waiting) out.push(this.flow(q, [], 'no response seen'));
    this.queries.clear();
    this.pendingCount = 0;
  }

  private take(key: string): PendingQuery | undefined {
    const waiting = this.queries.get(key);
    if (!waiting) return undefined;
    const query = waiting.shift()!;
    if (waiting.length === 0) this.queries.delete(key);
    this.pendingCount--;
    return query;
  }

  private evictOldest(out: RawFlow[]): void {
    const key = this.queries.keys().next().value as string;
    const old = this.take(key)!;
    out.push(this.flow(old, [], 'no response seen'));
  }

  private flow(q: PendingQuery, answers: string[], note?: string): RawFlow {
    const flow: RawFlow = {
      time: isoTime(q.time),
      protocol: 'dns',
      cleartext: true,
      clientIp: q.clientIp,
      clientPort: q.clientPort,
      serverIp: q.serverIp,
      serverPort: q.serverPort,
      host: q.query.toLowerCase(),
      dns: { query: q.query, type: q.type, answers },
    };
    const notes = [...(q.transport === 'tcp' ? ['DNS over TCP'] : []), ...(note ? [note] : [])];
    if (notes.length > 0) flow.notes = notes;
    return flow;
  }
}
