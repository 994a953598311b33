/**
 * JSON Schema validation (ajv, draft 2020-12) of every file privdiff reads or writes.
 * Schemas live in schemas/; each is compiled once on first use.
 */
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import type addFormatsPlugin from 'ajv-formats';
import { readDataFile } from './data-file.js';

const require = createRequire(import.meta.url);

/**
 * A new ajv (2020-12) with the standard formats. ajv is required here, on first use, not imported:
 * loading it costs more than the rest of a short command's start-up (`privdiff rules`, `--help`).
 */
export function createAjv(options: Options): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as { default: typeof addFormatsPlugin.default };
  const ajv = new Ajv(options);
  addFormats.default(ajv);
  return ajv;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (!ajv) {
    ajv = createAjv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    // Shared definitions that the other schemas reference by relative $ref.
    ajv.addSchema(readDataFile<object>('schemas', 'common.schema.json'));
  }
  return ajv;
}

/** A validator for schemas/<name>.schema.json. */
export function schemaValidator(name: string): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    fn = instance().compile(readDataFile<object>('schemas', `${name}.schema.json`));
    compiled.set(name, fn);
  }
  return fn;
}

/** First few validation errors, one line each: `/rules/3/severity must be equal to one of the allowed values`. */
export function describeErrors(errors: ErrorObject[] | null | undefined, max = 3): string {
  if (!errors || errors.length === 0) return 'invalid';
  return errors
    .slice(0, max)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

/** Validates `data` against schemas/<name>.schema.json; returns an error line or undefined. */
export function validate(name: string, data: unknown): string | undefined {
  const fn = schemaValidator(name);
  return fn(data) ? undefined : describeErrors(fn.errors);
}
