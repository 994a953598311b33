/** The smaller commands: extract and observe (rules: command-rules.ts). */
import type { Flow } from '../model/flow.js';
import type { KnownIdentifiers } from '../observe/detect/detector.js';
import { observeCaptures } from '../observe/index.js';
import type { KeyLog } from '../observe/tls/keylog.js';
import { maskIn, maskValue } from '../report/mask.js';
import { extractionMarkdown } from './extract-markdown.js';

export async function commandExtract(source: string, format: 'json' | 'md', lang?: 'en' | 'zh', onWarning?: (message: string) => void): Promise<string> {
  // The policy stages (PDF, HTML, NLP) are loaded only by the commands that read a policy.
  const { readPolicy } = await import('../pipeline.js');
  const extraction = await readPolicy(source, { ...(lang ? { lang } : {}), ...(onWarning ? { onWarning } : {}) });
  return format === 'md' ? extractionMarkdown(extraction) : `${JSON.stringify(extraction, null, 2)}\n`;
}

function maskedFlow(flow: Flow): Flow {
  const values = flow.detections.map((d) => d.value);
  const out: Flow = { ...flow, detections: flow.detections.map((d) => ({ ...d, value: maskValue(d.value) })) };
  if (out.url) out.url = maskIn(out.url, values);
  if (out.requestHeaders) out.requestHeaders = out.requestHeaders.map((h) => ({ name: h.name, value: maskIn(h.value, values) }));
  return out;
}

const indent = (json: string, pad: string) => json.replace(/\n/g, `\n${pad}`);

/**
 * `privdiff observe`: the flows are written as they stream out of the readers, so the output of a
 * multi-GB capture never sits in memory; the captures' summaries follow once they are known.
 */
export async function commandObserve(
  captures: string[],
  write: (text: string) => void,
  options: { identifiers?: KnownIdentifiers; firstParty: string[]; keylog?: KeyLog; detectionWorkers?: number; reveal: boolean; onWarning(m: string): void; onProgress?(f: string, b: number): void },
) {
  let first = true;
  write('{\n  "flows": [');
  const result = await observeCaptures(captures, {
    ...(options.identifiers ? { identifiers: options.identifiers } : {}),
    destinations: { firstPartyDomains: options.firstParty },
    ...(options.keylog ? { keylog: options.keylog } : {}),
    ...(options.detectionWorkers !== undefined ? { detectionWorkers: options.detectionWorkers } : {}),
    onWarning: options.onWarning,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    keep: (flow) => {
      const shown = options.reveal ? flow : maskedFlow(flow);
      write(`${first ? '' : ','}\n    ${indent(JSON.stringify(shown, null, 2), '    ')}`);
      first = false;
      return false;
    },
  });
  write(`${first ? '' : '\n  '}],\n  "captures": ${indent(JSON.stringify(result.captures, null, 2), '  ')},\n`);
  write(`  "errors": ${JSON.stringify(result.errors.map((e) => e.message))}\n}\n`);
  return { errors: result.errors };
}
