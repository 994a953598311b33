/** Runs every detector over a flow's fields and returns its de-duplicated detections. */
import type { Detection } from '../../model/flow.js';
import type { Field, KnownIdentifiers } from './detector.js';
import { flowFields, type FlowRequest } from './fields.js';
import { fieldDetectors, flowDetectors } from './detectors/index.js';
import { compileKnown, findKnown, type CompiledKnown } from './known-values.js';
import { groupContacts } from './contacts.js';
import { detectField } from './field-memo.js';

const compiledCache = new WeakMap<KnownIdentifiers, CompiledKnown>();

function compiled(known: KnownIdentifiers): CompiledKnown {
  let c = compiledCache.get(known);
  if (!c) compiledCache.set(known, (c = compileKnown(known)));
  return c;
}

/** Up to this many detections a scan beats building a key string per detection. */
const SMALL = 32;

/** dedupe() for short lists: same result and order (first occurrence of each key) without a Map. */
function dedupeSmall(detections: Detection[]): Detection[] {
  const out: Detection[] = [];
  for (const d of detections) {
    let j = 0;
    while (j < out.length && (out[j]!.dataType !== d.dataType || out[j]!.where !== d.where)) j++;
    if (j === out.length) out.push(d);
    else if (d.confidence > out[j]!.confidence) out[j] = d;
  }
  return out;
}

/** One detection per (data type, location): the most confident wins; a known value beats a pattern. */
export function dedupe(detections: Detection[]): Detection[] {
  if (detections.length < 2) return detections;
  if (detections.length <= SMALL) return dedupeSmall(detections);
  const best = new Map<string, Detection>();
  for (const d of detections) {
    const key = `${d.dataType}\0${d.where}`;
    const seen = best.get(key);
    if (!seen || d.confidence > seen.confidence) best.set(key, d);
  }
  return [...best.values()];
}

export function detectFields(fields: Field[], known?: KnownIdentifiers): Detection[] {
  const found: Detection[] = [];
  for (const field of fields) {
    if (!field.container) detectField(field, fieldDetectors, found);
  }
  for (const detector of flowDetectors) {
    for (const d of detector.detect(fields)) found.push({ ...d, detector: detector.id });
  }
  const grouped = groupContacts(dedupe(found), fields);
  const knownHits = known ? findKnown(fields, compiled(known)) : [];
  return dedupe([...knownHits, ...grouped]);
}

/** Personal data found in one flow's request (URL, headers, cookies, body), de-duplicated. */
export function detectFlow(flow: FlowRequest, known?: KnownIdentifiers): Detection[] {
  return detectFields(flowFields(flow), known);
}
