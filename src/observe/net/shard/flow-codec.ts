/**
 * Flows from a reassembly worker to the main thread. The structured clone of postMessage costs the
 * receiving thread about twice what JSON.parse does for flows (many small strings and objects), and
 * the main thread is the busy one: flows travel as JSON, their request bodies out of line in one
 * transferred buffer. JSON is exact for plain strings, booleans, finite numbers, arrays and plain
 * objects; a flow holding anything else (an undefined property, -0, NaN) travels by structured clone.
 * Bodies come back as the same type they left as (Buffer or Uint8Array).
 */
import type { RawFlow } from '../../reader.js';

export interface EncodedFlows {
  json: string;
  bodies: ArrayBuffer;
  /** Flows JSON cannot carry exactly, by index (a null stands in the JSON array). */
  odd: Array<[number, RawFlow]>;
}

/** Where a body is in `bodies`, and whether it was a Buffer. */
type BodyRef = [offset: number, length: number, buffer: 0 | 1];

export function encodeFlows(flows: readonly RawFlow[]): EncodedFlows {
  let total = 0;
  for (const flow of flows) total += flow.requestBody?.bytes.length ?? 0;
  const bodies = new ArrayBuffer(total);
  const into = new Uint8Array(bodies);
  let at = 0;
  const plain: Array<RawFlow | null> = [];
  const odd: Array<[number, RawFlow]> = [];
  for (let i = 0; i < flows.length; i++) {
    let flow = flows[i]!;
    const body = flow.requestBody;
    if (body) {
      const ref: BodyRef = [at, body.bytes.length, Buffer.isBuffer(body.bytes) ? 1 : 0];
      into.set(body.bytes, at);
      at += body.bytes.length;
      // Copies keep the key order of the originals.
      flow = { ...flow, requestBody: { ...body, bytes: ref as unknown as Uint8Array } };
    }
    if (jsonExact(flow)) plain.push(flow);
    else {
      plain.push(null);
      odd.push([i, flow]);
    }
  }
  return { json: JSON.stringify(plain), bodies, odd };
}

export function decodeFlows(encoded: EncodedFlows): RawFlow[] {
  const flows = JSON.parse(encoded.json) as Array<RawFlow | null>;
  for (const [i, flow] of encoded.odd) flows[i] = flow;
  for (const flow of flows as RawFlow[]) {
    const body = flow.requestBody;
    if (!body) continue;
    const [offset, length, buffer] = body.bytes as unknown as BodyRef;
    body.bytes = buffer ? Buffer.from(encoded.bodies, offset, length) : new Uint8Array(encoded.bodies, offset, length);
  }
  return flows as RawFlow[];
}

/** True when JSON.parse(JSON.stringify(value)) is deep-equal to value. */
function jsonExact(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonExact(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) if (!jsonExact((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
}
