/** Shared by the pcap and pcapng readers: a stream of packet batches → flows, with warnings. */
import { InputError } from '../../errors.js';
import type { RawFlow, ReadContext } from '../reader.js';
import { DEFAULT_LIMITS, FlowAssembler, type Packet } from '../net/flow-assembler.js';
import type { SecretsBlock } from '../net/shard/segment-batch.js';
import { DEFAULT_START_AFTER_BYTES, defaultReassemblyWorkers, shardedPacketsToFlows } from './sharded-flows.js';

export async function* packetsToFlows(
  batches: AsyncIterable<Packet[]>,
  ctx: ReadContext,
  /** Throws InputError when the file ends mid-record. */
  endOfFile: () => void,
  /** Decryption Secrets Blocks read (into ctx.keylog) since the last call: pcapng. */
  takeSecrets?: () => SecretsBlock[],
): AsyncGenerator<RawFlow> {
  const workers = ctx.reassemblyWorkers ?? defaultReassemblyWorkers();
  if (workers > 0) {
    const startAfterBytes = ctx.reassemblyWorkersAfter ?? DEFAULT_START_AFTER_BYTES;
    return yield* shardedPacketsToFlows(batches, ctx, endOfFile, { workers, startAfterBytes, ...(takeSecrets ? { takeSecrets } : {}) });
  }
  const assembler = new FlowAssembler(DEFAULT_LIMITS, ctx.keylog);
  try {
    for await (const packets of batches) {
      takeSecrets?.(); // already in ctx.keylog, which this thread reads
      for (const packet of packets) {
        // Most packets complete no flow: a plain loop skips yield*'s async wrapper around an empty array.
        const flows = assembler.packet(packet);
        for (let i = 0; i < flows.length; i++) yield flows[i]!;
      }
    }
    endOfFile();
  } catch (error) {
    // A corrupt or truncated file: the connections read up to the fault still become flows, then the error.
    if (error instanceof InputError) {
      yield* assembler.end();
      for (const warning of assembler.warnings()) ctx.warn(warning);
    }
    throw error;
  }
  yield* assembler.end();
  for (const warning of assembler.warnings()) ctx.warn(warning);
}
