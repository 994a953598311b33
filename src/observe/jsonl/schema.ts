/** The compiled validator of schemas/jsonl-flow.schema.json (loaded once, on first use). */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../../vocab/schemas.js';

const SCHEMA = new URL('../../../schemas/jsonl-flow.schema.json', import.meta.url);

let validator: ValidateFunction | undefined;

export function jsonlFlowValidator(): ValidateFunction {
  if (!validator) {
    // strictRequired off: the body's oneOf names properties declared beside it, not inside it.
    const ajv = createAjv({ strict: true, strictRequired: false });
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  }
  return validator;
}

/** The value at a JSON pointer (`/requestBody`), for describing what was found there. */
function at(data: unknown, pointer: string): unknown {
  let value = data;
  for (const key of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const keys = Object.keys(value);
  if ('text' in value && 'base64' in value) return 'an object with both "text" and "base64"';
  return keys.length === 0 ? 'an empty object' : `an object with ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
}

/**
 * One readable sentence for the first schema error: `requestBody: must have required property 'text'`.
 * A body (request or response) gets the shape it must have, since ajv's "must match exactly one
 * schema in oneOf" does not say it.
 */
export function describeSchemaError(errors: ErrorObject[] | null | undefined, data?: unknown): string {
  const e = errors?.[0];
  if (!e) return 'does not match the flow schema';
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'flow';
  if (e.schemaPath.startsWith('#/$defs/body/') && e.keyword !== 'pattern' && e.keyword !== 'additionalProperties') {
    const found = data === undefined ? '' : ` (got ${kindOf(at(data, e.instancePath))})`;
    return `${where} must be {"text": "…"} for UTF-8 text or {"base64": "…"} for other bytes${found}`;
  }
  const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})` : '';
  return `${where}: ${e.message ?? 'is invalid'}${extra}`;
}
