/**
 * Multi-head logistic regression with L2, trained by AdaGrad over sparse binary features scaled to
 * unit length. Deterministic: examples are visited in an order drawn from a seeded generator.
 */
import { seededRandom } from '../../seeded-random.js';

export interface Example { features: string[]; labels: boolean[] }

export interface TrainOptions {
  epochs: number;
  /** AdaGrad base learning rate. */
  rate: number;
  /** L2 strength per example visit. */
  l2: number;
  seed: number;
  /** Features seen in fewer training examples are left out of the vocabulary. */
  minCount: number;
}

export interface LinearModel {
  heads: number;
  bias: number[];
  /** feature → one weight per head */
  weights: Map<string, number[]>;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function trainLogistic(examples: Example[], heads: number, opts: TrainOptions): LinearModel {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  // Vocabulary in sorted order so indices never depend on example order.
  const vocab = [...counts].filter(([, c]) => c >= opts.minCount).map(([f]) => f).sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const rows = examples.map((e) => e.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined));
  // Scaled by the text's whole feature count, not its in-vocabulary count, so a pruned model scores alike.
  const scale = examples.map((e) => (e.features.length > 0 ? 1 / Math.sqrt(e.features.length) : 0));
  const w = Array.from({ length: heads }, () => new Float64Array(vocab.length));
  const g2 = Array.from({ length: heads }, () => new Float64Array(vocab.length));
  const bias = new Array<number>(heads).fill(0);
  const bg2 = new Array<number>(heads).fill(0);
  const random = seededRandom(opts.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const row = rows[k]!;
      const x = scale[k]!;
      for (let h = 0; h < heads; h++) {
        const wh = w[h]!, gh = g2[h]!;
        let z = bias[h]!;
        for (const i of row) z += wh[i]! * x;
        const err = sigmoid(z) - (examples[k]!.labels[h] ? 1 : 0);
        for (const i of row) {
          const g = err * x + opts.l2 * wh[i]!;
          gh[i]! += g * g;
          wh[i]! -= (opts.rate * g) / Math.sqrt(gh[i]! + 1e-8);
        }
        bg2[h]! += err * err;
        bias[h]! -= (opts.rate * err) / Math.sqrt(bg2[h]! + 1e-8);
      }
    }
  }
  const weights = new Map<string, number[]>();
  vocab.forEach((f, i) => weights.set(f, w.map((wh) => wh[i]!)));
  return { heads, bias, weights };
}

/** Probability per head for a feature list (unknown features ignored; scaling as in training). */
export function predict(model: LinearModel, features: string[]): number[] {
  const x = features.length > 0 ? 1 / Math.sqrt(features.length) : 0;
  const z = model.bias.slice();
  // One pass, no intermediate arrays: this runs once per unit of every policy.
  for (const f of features) {
    const v = model.weights.get(f);
    if (v !== undefined) for (let h = 0; h < z.length; h++) z[h]! += v[h]! * x;
  }
  return z.map(sigmoid);
}
