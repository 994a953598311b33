/**
 * packetsToFlows with TCP connections read in worker threads, as Zeek and Suricata balance flows
 * over workers: this thread parses records, decodes links and IP (fragments too), reads UDP (DNS,
 * QUIC) and keeps the TCP table; workers reassemble and parse the connections' bytes. The flows
 * and warnings are those of the single-threaded reader, in the same order (FlowMerge). Workers start
 * once `startAfterBytes` of packets have been read; a small capture never starts them.
 */
import { InputError } from '../../errors.js';
import type { RawFlow, ReadContext } from '../reader.js';
import { DEFAULT_LIMITS, FlowAssembler, type Packet } from '../net/flow-assembler.js';
import { FlowMerge } from '../net/shard/flow-merge.js';
import { ShardPool } from '../net/shard/shard-pool.js';
import { ShardedConnections } from '../net/shard/sharded-connections.js';
import type { SecretsBlock } from '../net/shard/segment-batch.js';

export interface ShardOptions {
  workers: number;
  startAfterBytes: number;
  /** Decryption Secrets Blocks read since the last call (pcapng): workers get them before the packets after them. */
  takeSecrets?: () => SecretsBlock[];
}

export const DEFAULT_START_AFTER_BYTES = 32 << 20;

/** Batches posted to a worker and not answered before this thread waits for one. */
const IN_FLIGHT = 4;

/**
 * None. Measured on 2 cores (200 MB bench captures, one worker): 7–14 % faster than one thread with
 * detection off (dense, chatty), but 9–16 % slower in a full observe run, where the detection worker
 * needs the second core; more cores were not measured. Callers opt in with ReadContext.reassemblyWorkers.
 */
export function defaultReassemblyWorkers(): number {
  return 0;
}

export async function* shardedPacketsToFlows(
  batches: AsyncIterable<Packet[]>,
  ctx: ReadContext,
  endOfFile: () => void,
  options: ShardOptions,
): AsyncGenerator<RawFlow> {
  const merge = new FlowMerge(options.workers);
  let runner: ShardedConnections | undefined;
  let pool: ShardPool | undefined;
  const assembler = new FlowAssembler(DEFAULT_LIMITS, ctx.keylog, {
    runner: (local) => (runner = new ShardedConnections(local, merge)),
    onName: (ip, name) => pool?.name(ip, name),
  });
  const connections = runner!;
  const ready: RawFlow[] = [];

  const start = () => {
    // The workers' copies of the key log and the DNS names start as this thread's are now.
    const setup = { limits: DEFAULT_LIMITS, keylog: [...(ctx.keylog?.entries() ?? [])], names: [...assembler.learntNames()] };
    pool = new ShardPool(options.workers, setup, merge, (id) => connections.mute(id));
    connections.start(pool);
  };

  /** Waits until at most `inFlight` batches per worker are unanswered, then takes the flows now in place. */
  const settle = async (p: ShardPool, inFlight: number) => {
    p.flush();
    while (p.busiest > inFlight) await p.settle();
    p.throwIfFailed();
    merge.drain(p.doneBelow(connections.ops), ready);
  };

  async function* finish(): AsyncGenerator<RawFlow> {
    const flows = assembler.end();
    if (pool) {
      connections.seal(flows);
      await settle(pool, 0);
      yield* ready.splice(0);
    } else {
      yield* flows;
    }
    for (const warning of assembler.warnings()) ctx.warn(warning);
  }

  let seen = 0;
  try {
    try {
      for await (const packets of batches) {
        const secrets = options.takeSecrets?.() ?? [];
        if (pool) for (const block of secrets) pool.secrets(block);
        for (const packet of packets) {
          if (!pool && (seen += packet.data.length) >= options.startAfterBytes) start();
          const flows = assembler.packet(packet);
          if (pool) connections.seal(flows);
          else for (let i = 0; i < flows.length; i++) yield flows[i]!;
        }
        if (!pool) continue;
        await settle(pool, IN_FLIGHT);
        for (let i = 0; i < ready.length; i++) yield ready[i]!;
        ready.length = 0;
      }
      endOfFile();
    } catch (error) {
      // A corrupt or truncated file: the connections read up to the fault still become flows, then the error.
      if (error instanceof InputError) yield* finish();
      throw error;
    }
    yield* finish();
  } finally {
    await pool?.terminate();
  }
}
