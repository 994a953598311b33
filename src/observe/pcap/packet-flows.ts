/** Shared by the pcap and pcapng readers: a stream of packet batches → flows, with warnings. */
import type { RawFlow, ReadContext } from '../reader.js';
import { FlowAssembler, type Packet } from '../net/flow-assembler.js';

export async function* packetsToFlows(
  batches: AsyncIterable<Packet[]>,
  ctx: ReadContext,
  endOfFile: () => string | undefined,
): AsyncGenerator<RawFlow> {
  const assembler = new FlowAssembler();
  for await (const packets of batches) {
    for (const packet of packets) yield* assembler.packet(packet);
  }
  const truncated = endOfFile();
  if (truncated) ctx.warn(truncated);
  yield* assembler.end();
  for (const warning of assembler.warnings()) ctx.warn(warning);
}
