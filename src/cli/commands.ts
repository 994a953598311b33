/** The smaller commands: extract, observe, rules. */
import { UsageError } from '../errors.js';
import { rulePacks } from '../judge/rule-pack.js';
import type { Flow } from '../model/flow.js';
import type { KnownIdentifiers } from '../observe/detect/detector.js';
import { observeCaptures } from '../observe/index.js';
import type { KeyLog } from '../observe/tls/keylog.js';
import { readPolicy } from '../pipeline.js';
import { maskIn, maskMessage, maskValue } from '../report/mask.js';
import { extractionMarkdown } from './extract-markdown.js';
import type { FlowWriter } from './write-flows.js';
import { OutputWriteError } from './output-file.js';

export async function commandExtract(source: string, format: 'json' | 'md', lang?: 'en' | 'zh', warn: (message: string) => void = () => {}): Promise<string> {
  const extraction = await readPolicy(source, lang);
  for (const warning of extraction.warnings ?? []) warn(warning);
  return format === 'md' ? extractionMarkdown(extraction) : `${JSON.stringify(extraction, null, 2)}\n`;
}

function maskedFlow(flow: Flow): Flow {
  const values = flow.detections.map((d) => d.value);
  const out: Flow = { ...flow, detections: flow.detections.map((d) => ({ ...d, value: maskValue(d.value) })) };
  if (out.url) out.url = maskIn(out.url, values);
  if (out.requestHeaders) out.requestHeaders = out.requestHeaders.map((h) => ({ name: h.name, value: maskIn(h.value, values) }));
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
  options: { identifiers?: KnownIdentifiers; firstParty: string[]; keylog?: KeyLog; detectionWorkers?: number; reveal: boolean; onWarning(m: string): void; onProgress?(f: string, b: number): void; onFlow?(): void },
) {
  let result;
  try {
    result = await observeCaptures(captures, {
      ...(options.identifiers ? { identifiers: options.identifiers } : {}),
      destinations: { firstPartyDomains: options.firstParty },
      ...(options.keylog ? { keylog: options.keylog } : {}),
      ...(options.detectionWorkers !== undefined ? { detectionWorkers: options.detectionWorkers } : {}),
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

export function commandRules(action: string, id: string | undefined, lang: 'en' | 'zh', only?: string[]): string {
  const packs = rulePacks().filter((p) => !only || only.includes(p.jurisdiction));
  if (action === 'list') {
    const lines: string[] = [];
    for (const pack of packs) {
      lines.push(`${pack.jurisdiction} — ${pack.name[lang]} (${pack.rules.length} rules)`);
      for (const rule of pack.rules) lines.push(`  ${rule.id.padEnd(42)} ${rule.severity.padEnd(6)} ${rule.ref.padEnd(22)} ${rule.title[lang]}`);
      lines.push('');
    }
    return lines.join('\n');
  }
  if (action === 'show') {
    if (!id) throw new UsageError('rules show needs a rule id (see privdiff rules list)');
    for (const pack of packs) {
      const rule = pack.rules.find((r) => r.id === id);
      if (!rule) continue;
      return [
        `${rule.id}  [${rule.severity}]`,
        `${pack.law.title[lang]} — ${rule.ref}`,
        `${rule.title.en}`,
        `${rule.title.zh}`,
        ...(rule.description ? ['', rule.description[lang]] : []),
        '',
        `needs: ${rule.needs}`,
        `fires on: ${JSON.stringify(rule.when)}`,
        '',
      ].join('\n');
    }
    throw new UsageError(`no rule "${id}" (see privdiff rules list)`);
  }
  throw new UsageError(`rules takes "list" or "show ID" (got "${action}")`);
}
