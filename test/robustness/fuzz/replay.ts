/**
 * Rebuilds the input of iteration `i` of a campaign without coverage (the sequence depends only on
 * seed and seeds). `sharedSeeds` as the campaign had it: recipes kept in test/fixtures/fuzz rebuild
 * inputs of campaigns seeded from ../shared/data.
 */
import { Mutator, Rng } from './mutate.js';
import { targetNamed } from './targets.js';

export function inputAt(targetName: string, seed: number, iteration: number, sharedSeeds = false): Uint8Array {
  const target = targetNamed(targetName);
  const seeds = target.seeds(sharedSeeds);
  if (iteration < seeds.length) return seeds[iteration]!.subarray(0, target.maxSize);
  const mutator = new Mutator(new Rng(seed), seeds, { dictionary: target.dictionary, maxSize: target.maxSize });
  let input: Uint8Array = new Uint8Array(0);
  for (let i = seeds.length; i <= iteration; i++) input = mutator.next();
  return input;
}
