/**
 * The TCP table's runner when connections may live in reassembly workers. Once the pool has
 * started, each new connection goes to a worker (round robin); until then, and always for DNS over
 * TCP (its answers name later servers, so the main thread's DNS tracker must read them in order),
 * connections stay on this thread. Every segment or close sent to a worker is numbered (an op); a
 * flow made here first takes its place among them (FlowMerge), so the merged order is one thread's.
 */
import type { RawFlow } from '../../reader.js';
import type { LocalConnections } from '../flow-assembler.js';
import type { Endpoints } from '../http-flow.js';
import { TcpConnection } from '../tcp-connection.js';
import type { ConnectionRunner, TableEntry } from '../tcp-table.js';
import type { TcpSegment } from '../transport.js';
import type { FlowMerge } from './flow-merge.js';
import type { ShardPool } from './shard-pool.js';

/** What the table holds for a connection living in a worker. */
interface RemoteEntry extends TableEntry {
  shard: number;
  id: number;
  /** Its worker no longer reads its bytes: segments go without them. */
  muted: boolean;
}

const NO_BYTES = new Uint8Array(0);

export class ShardedConnections implements ConnectionRunner<TableEntry> {
  private pool: ShardPool | undefined;
  private nextId = 0;
  /** Connections open in workers, by id: a worker's word that one is muted finds it here. */
  private readonly remote = new Map<number, RemoteEntry>();
  /** Ops handed out so far (the next op's number). */
  ops = 0;

  constructor(
    private readonly local: LocalConnections,
    private readonly merge: FlowMerge,
  ) {}

  get started(): boolean {
    return this.pool !== undefined;
  }

  /** New connections go to the pool's workers from now on. */
  start(pool: ShardPool): void {
    this.pool = pool;
  }

  open(ends: Endpoints, time: number): TableEntry {
    if (!this.pool || ends.serverPort === 53) return this.local.open(ends, time);
    const id = this.nextId;
    this.nextId = (this.nextId + 1) >>> 0;
    const entry: RemoteEntry = { ends, lastTime: time, clientDone: false, serverDone: false, shard: id % this.pool.size, id, muted: false };
    this.remote.set(id, entry);
    this.pool.open(entry.shard, id, ends, time);
    return entry;
  }

  segment(entry: TableEntry, fromClient: boolean, seg: TcpSegment, time: number, cut: number, out: RawFlow[]): void {
    if (entry instanceof TcpConnection) return this.local.segment(entry, fromClient, seg, time, cut, out);
    const remote = entry as RemoteEntry;
    if (remote.muted) {
      seg = { ...seg, payload: NO_BYTES };
      cut = 0;
    }
    // A bare ACK changes nothing in a connection (applySegment does nothing with it): not sent.
    if (seg.payload.length === 0 && cut === 0 && !seg.syn && !seg.fin && !seg.rst) return;
    // The table forgets the connection after this segment (RST, or the second side's FIN).
    if (seg.rst || (seg.fin && (fromClient ? entry.serverDone : entry.clientDone))) this.remote.delete(remote.id);
    this.seal(out);
    this.pool!.segment(remote.shard, remote.id, this.ops++, fromClient, seg, time, cut);
  }

  /** Its worker no longer reads the connection's bytes (it may have closed since). */
  mute(id: number): void {
    const entry = this.remote.get(id);
    if (entry) entry.muted = true;
  }

  close(entry: TableEntry, out: RawFlow[]): void {
    if (entry instanceof TcpConnection) return this.local.close(entry, out);
    const remote = entry as RemoteEntry;
    this.remote.delete(remote.id);
    this.seal(out);
    this.pool!.close(remote.shard, remote.id, this.ops++);
  }

  /** The flows made here so far go before the op about to be handed out. */
  seal(out: RawFlow[]): void {
    for (const flow of out) this.merge.addLocal(flow, this.ops);
    out.length = 0;
  }
}
