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

/** One readable sentence for the first schema error: `requestBody: must have required property 'text'`. */
export function describeSchemaError(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return 'does not match the flow schema';
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'flow';
  const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})` : '';
  return `${where}: ${e.message ?? 'is invalid'}${extra}`;
}
