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

export async function commandExtract(source: string, format: 'json' | 'md', lang?: 'en' | 'zh'): Promise<string> {
  const extraction = await readPolicy(source, lang);
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
    // A warning may quote captured input: known identifiers and identifier-like runs are masked in it.
    onWarning: (m) => options.onWarning(options.reveal ? m : maskMessage(m, knownStrings(options.identifiers))),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    keep: (flow) => {
      const shown = options.reveal ? flow : maskedFlow(flow);
      write(`${first ? '' : ','}\n    ${indent(JSON.stringify(shown, null, 2), '    ')}`);
      first = false;
      return false;
    },
  });
  if (!options.reveal) for (const e of result.errors) e.message = maskMessage(e.message, knownStrings(options.identifiers));
  write(`${first ? '' : '\n  '}],\n  "captures": ${indent(JSON.stringify(result.captures, null, 2), '  ')},\n`);
  write(`  "errors": ${JSON.stringify(result.errors.map((e) => e.message))}\n}\n`);
  return { errors: result.errors };
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
