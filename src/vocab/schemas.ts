/**
 * JSON Schema validation (ajv, draft 2020-12) of every file privdiff reads or writes.
 * Schemas live in schemas/; each is compiled once on first use.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readDataFile } from './data-file.js';

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats.default(ajv);
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
