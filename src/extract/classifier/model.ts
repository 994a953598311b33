/**
 * The trained statement classifier of one language: loaded from data/extract/statement-model-<lang>.json
 * (its schema is schemas/statement-model.schema.json) and applied to a unit's features.
 */
import { existsSync } from 'node:fs';
import { InputError } from '../../errors.js';
import type { PolicyLanguage } from '../../model/practice.js';
import { packagePath, readDataFile } from '../../vocab/data-file.js';
import { validate } from '../../vocab/schemas.js';
import { FEATURE_SCHEME } from './features.js';
import { predict, type LinearModel } from './logistic.js';

export type Head = 'collect' | 'share';
export const HEADS: readonly Head[] = ['collect', 'share'];

export interface Threshold { add: number; drop: number }

export interface StatementModelFile {
  kind: 'privdiff-statement-model';
  version: 2;
  language: PolicyLanguage;
  unit: 'block' | 'sentence';
  features: string;
  heads: Head[];
  bias: number[];
  thresholds: Record<Head, Threshold>;
  /** Feature names, sorted; weights holds [collect, share] for each in this order. */
  vocabulary: string[];
  weights: number[];
  training: { corpus: string; units: number; seed: number; epochs: number; rate: number; l2: number; minCount: number; crossValidation?: string };
}

export interface StatementModel {
  language: PolicyLanguage;
  unit: 'block' | 'sentence';
  thresholds: Record<Head, Threshold>;
  linear: LinearModel;
}

export const modelPath = (lang: PolicyLanguage) => packagePath('data', 'extract', `statement-model-${lang}.json`);

/**
 * Checks a parsed model file and builds the scorer; a bad file is an InputError naming it. The
 * shipped models are validated against the schema by the test suite, not at every start (`shipped`):
 * loading ajv and compiling the schema took a tenth of a second of each `compare`.
 */
export function statementModelFrom(file: unknown, source: string, options: { shipped?: boolean } = {}): StatementModel {
  const problem = options.shipped ? undefined : validate('statement-model', file);
  if (problem) throw new InputError(source, `not a statement model: ${problem}`);
  const f = file as StatementModelFile;
  if (f.features !== FEATURE_SCHEME[f.language]) throw new InputError(source, `feature scheme ${f.features} is not this version's ${FEATURE_SCHEME[f.language]}: retrain with scripts/train-statement-classifier.ts`);
  if (f.weights.length !== 2 * f.vocabulary.length) throw new InputError(source, `${f.weights.length} weights for ${f.vocabulary.length} features: two each expected`);
  const weights = new Map<string, number[]>();
  f.vocabulary.forEach((feature, i) => weights.set(feature, [f.weights[2 * i]!, f.weights[2 * i + 1]!]));
  return { language: f.language, unit: f.unit, thresholds: f.thresholds, linear: { heads: 2, bias: f.bias, weights } };
}

const cache = new Map<PolicyLanguage, StatementModel | null>();

/** The shipped model of a language, or null when none has been trained (extraction then runs on rules alone). */
export function statementModel(lang: PolicyLanguage): StatementModel | null {
  let m = cache.get(lang);
  if (m === undefined) {
    m = existsSync(modelPath(lang)) ? statementModelFrom(readDataFile<unknown>('data', 'extract', `statement-model-${lang}.json`), modelPath(lang), { shipped: true }) : null;
    cache.set(lang, m);
  }
  return m;
}

/** Probability that the unit states a collection / a sharing. */
export function score(model: StatementModel, features: string[]): Record<Head, number> {
  const [collect, share] = predict(model.linear, features);
  return { collect: collect!, share: share! };
}
