/** A trained linear model → the compact model file: near-zero weights pruned, the rest rounded, features sorted. */
import type { PolicyLanguage } from '../../model/practice.js';
import { FEATURE_SCHEME } from './features.js';
import type { LinearModel, TrainOptions } from './logistic.js';
import type { Head, StatementModelFile, Threshold } from './model.js';

export interface ModelFileMeta {
  language: PolicyLanguage;
  unit: 'block' | 'sentence';
  thresholds: Record<Head, Threshold>;
  corpus: string;
  units: number;
  options: TrainOptions;
  crossValidation?: string;
  /** Weights whose magnitude is below this in every head are left out. */
  prune: number;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function modelFile(model: LinearModel, meta: ModelFileMeta): StatementModelFile {
  const vocabulary: string[] = [];
  const weights: number[] = [];
  for (const f of [...model.weights.keys()].sort()) {
    const w = model.weights.get(f)!;
    if (w.every((x) => Math.abs(x) < meta.prune)) continue;
    vocabulary.push(f);
    weights.push(...w.map((x) => round(x, 3)));
  }
  const { seed, epochs, rate, l2, minCount } = meta.options;
  return {
    kind: 'privdiff-statement-model', version: 2, language: meta.language, unit: meta.unit, features: FEATURE_SCHEME[meta.language],
    heads: ['collect', 'share'], bias: model.bias.map((b) => round(b, 4)), thresholds: meta.thresholds, vocabulary, weights,
    training: { corpus: meta.corpus, units: meta.units, seed, epochs, rate, l2, minCount, ...(meta.crossValidation ? { crossValidation: meta.crossValidation } : {}) },
  };
}
