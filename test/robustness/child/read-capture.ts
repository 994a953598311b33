/**
 * Child process for memory tests: reads one capture with the reader that sniffs it, detects personal
 * data in every flow and drops it (the streaming path). Prints flows, their problems, detected types,
 * the InputError if any, and peak RSS.  Usage: read-capture.ts FILE
 */
import { InputError } from '../../../src/errors.js';
import { readerFor } from '../../../src/observe/readers.js';
import { detectFlow } from '../../../src/observe/detect/index.js';

const file = process.argv[2]!;
const flows: Array<{ url?: string; host: string; problems: string[]; types: string[]; bodySize?: number }> = [];
const warnings: string[] = [];
let error: string | undefined;
try {
  const reader = await readerFor(file);
  for await (const raw of reader.read(file, { source: file, warn: (m) => warnings.push(m) })) {
    const types = [...new Set(detectFlow(raw, { imei: '861234567890127' }).map((d) => d.dataType))];
    const problems = [...(raw.notes ?? []), ...(raw.requestBody?.problem ? [raw.requestBody.problem] : [])];
    const flow: (typeof flows)[number] = { host: raw.host, problems, types };
    if (raw.url) flow.url = raw.url.slice(0, 200);
    if (raw.requestBody) flow.bodySize = raw.requestBody.bytes.length;
    flows.push(flow);
  }
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  error = e.message;
}
console.log(JSON.stringify({ flows, warnings, error, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
