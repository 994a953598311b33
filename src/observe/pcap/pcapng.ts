/**
 * The pcapng capture reader. Decryption Secrets Blocks met while reading are handed to
 * `onSecrets` when the reader is made with `createPcapngReader`, and can be read on their own with
 * `readPcapngSecrets` (for TLS decryption with an embedded key log).
 */
import type { CaptureReader, RawFlow, ReadContext } from '../reader.js';
import type { Packet } from '../net/flow-assembler.js';
import { fileChunks } from './file-chunks.js';
import { isPcapngMagic, PcapngParser, type DecryptionSecrets } from './pcapng-parser.js';
import { packetsToFlows } from './packet-flows.js';
import { addSecretsBlock, describeSkipped, KeyLog } from '../tls/keylog.js';

export type { DecryptionSecrets } from './pcapng-parser.js';

async function* packetBatches(
  path: string,
  parser: PcapngParser,
  ctx: ReadContext,
  onSecrets?: (secrets: DecryptionSecrets) => void,
): AsyncGenerator<Packet[]> {
  for await (const chunk of fileChunks(path, ctx)) {
    const packets: Packet[] = [];
    for (const event of parser.push(chunk)) {
      if ('packet' in event) packets.push(event.packet);
      else onSecrets?.(event.secrets);
    }
    yield packets;
  }
}

export function createPcapngReader(onSecrets?: (secrets: DecryptionSecrets, source: string) => void): CaptureReader {
  return {
    format: 'pcapng',
    sniff: (head) => isPcapngMagic(head),
    read(path: string, ctx: ReadContext): AsyncIterable<RawFlow> {
      const parser = new PcapngParser(path);
      // Embedded TLS key logs decrypt this capture only; the user's --keylog stays underneath.
      const keylog = new KeyLog(ctx.keylog);
      // Also handed to reassembly workers, which keep their own copy of the key log.
      let blocks: DecryptionSecrets[] = [];
      const secrets = (s: DecryptionSecrets) => {
        blocks.push(s);
        const added = addSecretsBlock(keylog, s);
        const skipped = added && describeSkipped('embedded key log', added.skipped);
        if (skipped) ctx.warn(skipped);
        onSecrets?.(s, path);
      };
      const takeSecrets = () => {
        const taken = blocks;
        blocks = [];
        return taken;
      };
      return packetsToFlows(packetBatches(path, parser, ctx, secrets), { ...ctx, keylog }, () => parser.end(), takeSecrets);
    },
  };
}

export const pcapngReader: CaptureReader = createPcapngReader();

/** Every Decryption Secrets Block in a pcapng file, in file order (packets are skipped). */
export async function readPcapngSecrets(path: string, ctx: Pick<ReadContext, 'progress'> = {}): Promise<DecryptionSecrets[]> {
  const parser = new PcapngParser(path);
  const secrets: DecryptionSecrets[] = [];
  for await (const chunk of fileChunks(path, ctx)) {
    for (const event of parser.push(chunk)) if ('secrets' in event) secrets.push(event.secrets);
  }
  parser.end();
  return secrets;
}
