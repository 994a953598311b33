/** The libpcap capture reader: streams the file, decodes packets, yields flows. */
import type { CaptureReader, RawFlow, ReadContext } from '../reader.js';
import type { Packet } from '../net/flow-assembler.js';
import { fileChunks } from './file-chunks.js';
import { isPcapMagic, PcapParser } from './pcap-parser.js';
import { packetsToFlows } from './packet-flows.js';

async function* packetBatches(path: string, parser: PcapParser, ctx: ReadContext): AsyncGenerator<Packet[]> {
  for await (const chunk of fileChunks(path, ctx)) yield parser.push(chunk);
}

export const pcapReader: CaptureReader = {
  format: 'pcap',
  sniff: (head) => isPcapMagic(head),
  read(path: string, ctx: ReadContext): AsyncIterable<RawFlow> {
    const parser = new PcapParser(path);
    return packetsToFlows(packetBatches(path, parser, ctx), ctx, () => parser.end());
  },
};
