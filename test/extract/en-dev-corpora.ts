/**
 * The English rules on the development parts of three more labelled corpora, read in place from
 * ../shared/data (never their held-out parts): MAPP policies of policy_type TRAIN (segments, OPP-115
 * scheme), APPSI-139 train.jsonl (sentences with topic labels) and PI-Extract's training sentences
 * (sentences with COLLECT / SHARE data spans). Prints unit-level P/R/F1 of "states a collection" and
 * "states a sharing" and a sample of errors.
 *
 * Run: npx tsx test/extract/en-dev-corpora.ts [mapp|appsi|piextract|all] [collect|share] [n] [--rules-only]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { appsi139, mapp, piextract, sharedPolicies, type CorpusPolicy } from './corpus.js';
import { predictCorpus, scoreUnits, type PR, type UnitResult } from './corpus-score.js';

const EN = path.join(sharedPolicies, 'en');

/**
 * The training splits of test/extract/corpus.ts (SPLITS.md): MAPP policy_type TRAIN, APPSI-139
 * train.jsonl, PI-Extract "train" sentences of OPP-115 training-half policies (its others are OPP-115
 * test-half text).
 */
export const mappTrain = (): CorpusPolicy[] => mapp().filter((p) => p.split === 'train');
export const appsiTrain = (): CorpusPolicy[] => appsi139().filter((p) => p.split === 'train');
export const piextractTrain = (): CorpusPolicy[] => piextract().filter((p) => p.split === 'train');

const show = (x: PR) => `P ${x.precision.toFixed(3)} R ${x.recall.toFixed(3)} F1 ${x.f1.toFixed(3)}`;

function report(name: string, results: UnitResult[], label: 'collect' | 'share', n: number): void {
  const r = scoreUnits(results);
  console.log(`${name}: ${r.units} units; collect ${show(r.collect)}; share ${show(r.share)}`);
  if (n === 0) return;
  const sample = <T>(xs: T[]) => xs.filter((_, i) => i % Math.max(1, Math.floor(xs.length / n)) === 0).slice(0, n);
  const line = (x: UnitResult) => {
    const why = x.practices.map((p) => `${p.organization ?? p.actor}/${p.action}/${p.dataType}${p.negated ? '/neg' : ''}${p.recipient ? `>${p.recipient}` : ''}`).join(' ');
    return `- [${x.policy}#${x.index}] ${x.unit.text.slice(0, 300)}${why ? `\n    → ${why}` : ''}`;
  };
  const fp = results.filter((x) => x[label] && !x.unit[label]);
  const fn = results.filter((x) => !x[label] && x.unit[label]);
  console.log(`\n=== ${fp.length} false positives (${label})\n${sample(fp).map(line).join('\n')}`);
  console.log(`\n=== ${fn.length} false negatives (${label})\n${sample(fn).map(line).join('\n')}\n`);
}

// Run as a script; other analysis scripts import the loaders only.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const [which = 'all', label = 'share', n = '0'] = args as [string, 'collect' | 'share', string];
  const options = process.argv.includes('--rules-only') ? { classifier: false } : {};
  if (!existsSync(EN)) console.log(`skipped: ${EN} is missing`);
  else {
    const sets: [string, () => CorpusPolicy[]][] = [['mapp', mappTrain], ['appsi', appsiTrain], ['piextract', piextractTrain]];
    for (const [name, load] of sets) if (which === 'all' || which === name) report(name, predictCorpus(load(), 'en', options), label, Number(n));
  }
}
