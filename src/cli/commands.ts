/** The smaller commands: extract and observe (rules: command-rules.ts). */
import type { Flow } from '../model/flow.js';
import type { KnownIdentifiers } from '../observe/detect/detector.js';
import { observeCaptures } from '../observe/index.js';
import type { KeyLog } from '../observe/tls/keylog.js';
import { maskerFor, maskMessage, maskValue } from '../report/mask.js';
import { extractionMarkdown } from './extract-markdown.js';
import type { FlowWriter } from './write-flows.js';
import { OutputWriteError } from './output-file.js';

export async function commandExtract(source: string, format: 'json' | 'md', lang?: 'en' | 'zh', warn: (message: string) => void = () => {}): Promise<string> {
  // The policy stages (PDF, HTML, NLP) are loaded only by the commands that read a policy.
  const { readPolicy } = await import('../pipeline.js');
  const extraction = await readPolicy(source, lang ? { lang } : {});
  for (const warning of extraction.warnings ?? []) warn(warning);
  return format === 'md' ? extractionMarkdown(extraction) : `${JSON.stringify(extraction, null, 2)}\n`;
}

function maskedFlow(flow: Flow): Flow {
  if (flow.detections.length === 0) return flow;
  const mask = maskerFor(flow.detections.map((d) => d.value));
  const out: Flow = { ...flow, detections: flow.detections.map((d) => ({ ...d, value: maskValue(d.value) })) };
  if (out.url) out.url = mask(out.url);
  if (out.requestHeaders) out.requestHeaders = out.requestHeaders.map((h) => ({ name: h.name, value: mask(h.value) }));
  return out;
}

function knownStrings(identifiers: KnownIdentifiers | undefined): string[] {
  return Object.values(identifiers ?? {}).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v : []));
}

/**
 * `privdiff observe`: each flow goes to `out` as it streams out of the readers (see write-flows.ts);
 * the captures' summaries follow once they are known. When reading fails with a bug rather than an
 * input fault, the document is still ended (the failure in its `errors`) before the error goes on.
 */
export async function commandObserve(
  captures: string[],
  out: FlowWriter,
  options: { identifiers?: KnownIdentifiers; firstParty: string[]; keylog?: KeyLog; detectionWorkers?: number; reassemblyWorkers?: number; reveal: boolean; onWarning(m: string): void; onProgress?(f: string, b: number): void; onFlow?(): void },
) {
  let result;
  try {
    result = await observeCaptures(captures, {
      ...(options.identifiers ? { identifiers: options.identifiers } : {}),
      destinations: { firstPartyDomains: options.firstParty },
      ...(options.keylog ? { keylog: options.keylog } : {}),
      ...(options.detectionWorkers !== undefined ? { detectionWorkers: options.detectionWorkers } : {}),
      ...(options.reassemblyWorkers !== undefined ? { reassemblyWorkers: options.reassemblyWorkers } : {}),
      // A warning may quote captured input: known identifiers and identifier-like runs are masked in it.
      onWarning: (m) => options.onWarning(options.reveal ? m : maskMessage(m, knownStrings(options.identifiers))),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onFlow ? { onFlow: options.onFlow } : {}),
      keep: (flow) => {
        out.flow(options.reveal ? flow : maskedFlow(flow));
        return false;
      },
    });
  } catch (error) {
    // When the output itself failed there is nothing to end; otherwise the document is closed.
    if (!(error instanceof OutputWriteError)) out.end({ captures: [], errors: [`internal error: ${error instanceof Error ? error.message : String(error)}`] });
    throw error;
  }
  if (!options.reveal) for (const e of result.errors) e.message = maskMessage(e.message, knownStrings(options.identifiers));
  out.end({ captures: result.captures, errors: result.errors.map((e) => e.message) });
  return { errors: result.errors, captures: result.captures, flowCount: result.flowCount };
}
