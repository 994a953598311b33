/**
 * mitmproxy native flow dumps (`mitmdump -w`, `.mitm`, `.flows`): one tnetstring per flow, read one
 * at a time from a chunked stream, upgraded to one shape (compat.ts), mapped to RawFlow.
 * Non-HTTP flows (tcp, udp, dns, old separate websocket flows) are stepped over with a warning.
 */
import { createReadStream } from 'node:fs';
import { fileErrorReason, InputError } from '../../errors.js';
import type { CaptureReader, RawFlow, ReadContext } from '../reader.js';
import { MitmShapeError, upgradeFlow } from './compat.js';
import { mitmFlowToRaw } from './flow-map.js';
import { parseTnetstring, TnetstringError, TnetstringSplitter } from './tnetstring.js';

const CHUNK = 1 << 20;

/**
 * A dump starts with a dict tnetstring whose first key is a short name: `123:4:type;` or, in 0.x,
 * `7780:6:marked;`. When the whole first record is in the head, its type byte must be `}`.
 */
function sniff(head: Uint8Array): boolean {
  const text = Buffer.from(head.subarray(0, 64)).toString('latin1');
  const m = /^(\d{1,12}):(\d{1,3}):([a-z_]+)[,;]/.exec(text);
  if (!m || Number(m[2]) !== m[3]!.length) return false;
  const end = m[1]!.length + 1 + Number(m[1]);
  return end >= head.length || head[end] === 0x7d;
}

async function* read(path: string, ctx: ReadContext): AsyncIterable<RawFlow> {
  const splitter = new TnetstringSplitter();
  const skipped = new Map<string, number>();
  let index = 0;
  let recordOffset = 0;
  let bytesRead = 0;
  try {
    for await (const chunk of ctx.input?.chunks ?? createReadStream(path, { highWaterMark: CHUNK })) {
      bytesRead += (chunk as Buffer).length;
      ctx.progress?.(bytesRead);
      for (const record of splitter.push(chunk as Buffer)) {
        recordOffset = record.offset;
        const flow = upgradeFlow(parseTnetstring(record.data, record.offset));
        if (flow.type === 'http') yield mitmFlowToRaw(flow);
        else skipped.set(flow.flowType, (skipped.get(flow.flowType) ?? 0) + 1);
        index++;
      }
    }
    splitter.end();
  } catch (error) {
    if (error instanceof TnetstringError) throw new InputError(path, `not a readable mitmproxy flow dump: ${error.detail}`, `flow ${index}, byte ${error.offset}`);
    if (error instanceof MitmShapeError) throw new InputError(path, error.message, `flow ${index}, byte ${recordOffset}`);
    const reason = fileErrorReason(error);
    if (reason) throw new InputError(path, reason);
    throw error;
  } finally {
    for (const [type, count] of skipped) ctx.warn(`${count} ${type} flow(s) skipped (only HTTP flows are read)`);
  }
}

export const mitmproxyReader: CaptureReader = {
  format: 'mitmproxy',
  sniff,
  read,
};
