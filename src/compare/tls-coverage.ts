/**
 * What a report could not see: encrypted connections whose contents were not read, counted per
 * reason and per host as the flows stream by. An undisclosed flow may hide in any of them, so
 * every report states them. Memory follows the number of (host, reason) pairs (capped) plus one
 * number per decrypted connection.
 */
import type { Flow, TlsUndecrypted } from '../model/flow.js';

/** A flow reason, or `unknown` for readers that do not record one. */
export type UndecryptedReason = TlsUndecrypted['reason'] | 'unknown';

export interface UndecryptedHost {
  host: string;
  reason: UndecryptedReason;
  /** Connections to this host left (wholly or partly) encrypted for this reason. */
  connections: number;
  /** Of those, how many were decrypted in part. */
  partial: number;
  /** The reader's explanation, from the first such connection. */
  detail?: string;
}

export interface TlsCoverage {
  /** TLS and QUIC connections seen in packet captures. */
  connections: number;
  /** Connections whose contents were read (with a key log). */
  decrypted: number;
  /** Connections whose contents, or a later part of them, stayed encrypted. */
  undecrypted: number;
  /** Of `undecrypted`, those read in part. */
  partial: number;
  byReason: Partial<Record<UndecryptedReason, number>>;
  /** Per host and reason, most connections first (the first HOSTS_LISTED). */
  hosts: UndecryptedHost[];
  /** How many (host, reason) pairs there were in all. */
  hostCount: number;
}

const HOSTS_LISTED = 200;
const HOSTS_TRACKED = 10_000;

/** The reason a flow stayed encrypted; readers without `tls.undecrypted` leave keysMissing or the protocol as clues. */
export function undecryptedReason(flow: Flow, keyLogGiven?: boolean): UndecryptedReason | undefined {
  const tls = flow.tls;
  if (!tls) return undefined;
  if (tls.undecrypted) return tls.undecrypted.reason;
  if (tls.decrypted) return undefined;
  if (tls.keysMissing) return 'keys_missing';
  if (flow.protocol === 'quic') return 'quic';
  if (keyLogGiven === false) return 'no_key_log';
  return 'unknown';
}

/** 32-bit FNV-1a of a connection's endpoints: a decrypted connection yields several flows, counted once. */
function connectionHash(flow: Flow): number {
  const key = `${flow.capture}|${flow.clientIp}|${flow.clientPort}|${flow.serverIp}|${flow.serverPort}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class TlsCoverageCounter {
  /** `keyLogGiven`: whether a key log was given (a reader that records no reason then means "none given"). */
  constructor(private readonly keyLogGiven?: boolean) {}

  private readonly decryptedConnections = new Set<number>();
  private readonly hosts = new Map<string, UndecryptedHost>();
  private undecrypted = 0;
  private partial = 0;
  /** Partly decrypted connections, also in decryptedConnections. */
  private partlyDecrypted = 0;
  private readonly byReason: Partial<Record<UndecryptedReason, number>> = {};

  add(flow: Flow): void {
    const tls = flow.tls;
    // HAR and mitmproxy flows were decrypted by the proxy and carry no connection: nothing unseen.
    if (!tls || flow.clientPort === undefined) return;
    if (tls.decrypted) {
      const first = !this.decryptedConnections.has(connectionHash(flow));
      this.decryptedConnections.add(connectionHash(flow));
      // A partly decrypted connection is counted once, on its first flow.
      if (first && tls.undecrypted) {
        this.partlyDecrypted++;
        this.count(flow, tls.undecrypted.reason, true);
      }
      return;
    }
    this.count(flow, undecryptedReason(flow, this.keyLogGiven) ?? 'unknown', tls.undecrypted?.partial === true);
  }

  private count(flow: Flow, reason: UndecryptedReason, partial: boolean): void {
    this.undecrypted++;
    if (partial) this.partial++;
    this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
    const key = `${reason}|${flow.host}`;
    let entry = this.hosts.get(key);
    if (!entry && this.hosts.size < HOSTS_TRACKED) {
      entry = { host: flow.host, reason, connections: 0, partial: 0 };
      const detail = flow.tls?.undecrypted?.detail;
      if (detail) entry.detail = detail;
      this.hosts.set(key, entry);
    }
    if (entry) {
      entry.connections++;
      if (partial) entry.partial++;
    }
  }

  result(): TlsCoverage {
    const hosts = [...this.hosts.values()].sort((a, b) => b.connections - a.connections || a.host.localeCompare(b.host) || a.reason.localeCompare(b.reason));
    return {
      connections: this.decryptedConnections.size + this.undecrypted - this.partlyDecrypted,
      decrypted: this.decryptedConnections.size,
      undecrypted: this.undecrypted,
      partial: this.partial,
      byReason: { ...this.byReason },
      hosts: hosts.slice(0, HOSTS_LISTED),
      hostCount: this.hosts.size,
    };
  }
}
