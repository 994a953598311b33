/**
 * The contract of a personal-data detector: one file per data-type family, like an ESLint rule.
 * A detector sees decoded "fields" of a flow (query parameters, headers, cookies, form fields,
 * JSON leaves with their path, the raw URL path) and reports what personal data they hold.
 */
import type { Detection } from '../../model/flow.js';

export interface Field {
  /** `query.imei`, `header.user-agent`, `cookie.uid`, `body.$.contacts[0].phone`, `body.form.mobile`, `url.path` */
  where: string;
  /** The last key name, lower-cased (`imei`, `phone`), or '' when the value has no key. */
  key: string;
  value: string;
  /** How the value was unwrapped before we saw it (url, base64, gzip …): 'plain' when it was not. */
  encoding: string;
  /** The enclosing key, lower-cased (`device` for `$.device.id`), when there is one. */
  parent?: string;
  /**
   * True when the value was unwrapped into child fields (a JSON document, a form, a base64 blob):
   * pattern detectors skip it (its children are seen instead), known-value search still reads it.
   */
  container?: boolean;
}

/**
 * A per-field detector. Its answer is memoised (field-memo.ts): it may read the field's key, parent
 * and value, and of `where` only whether it is `header.user-agent` or a `cookie.*`; reading more
 * (the encoding, other parts of the location) needs field-memo.ts's context key extended first.
 */
export interface Detector {
  /** Detector id, kebab-case, named after the file. */
  id: string;
  /** Ontology data-type ids this detector can report. */
  dataTypes: string[];
  detect(field: Field): Omit<Detection, 'detector'>[];
}

/**
 * A detector that needs several fields of one flow at once (a latitude with its longitude, the
 * phone numbers of an address book, MCC with LAC and cell id).
 */
export interface FlowDetector {
  id: string;
  dataTypes: string[];
  detect(fields: Field[]): Omit<Detection, 'detector'>[];
}

/** Known identifiers of the test device/account (`--identifiers FILE`): data-type id → value(s). */
export type KnownIdentifiers = Record<string, string | string[] | { lat: number; lon: number }>;
