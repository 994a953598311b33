/**
 * The English rules on the development parts of three more labelled corpora, read in place from
 * ../shared/data (never their held-out parts): MAPP policies of policy_type TRAIN (segments, OPP-115
 * scheme), APPSI-139 train.jsonl (sentences with topic labels) and PI-Extract split "train"
 * (sentences with COLLECT / SHARE data spans). Prints unit-level P/R/F1 of "states a collection" and
 * "states a sharing" and a sample of errors.
 *
 * Run: npx tsx test/extract/en-dev-corpora.ts [mapp|appsi|piextract|all] [collect|share] [n] [--rules-only]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedPolicies, type CorpusPolicy, type Unit } from './corpus.js';
import { predictCorpus, scoreUnits, type PR, type UnitResult } from './corpus-score.js';

const EN = path.join(sharedPolicies, 'en');

/** Reads one CSV line with quoted fields ("[...]" lists hold commas). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/** MAPP policies of the corpus's TRAIN split: segment N is the N-th non-empty line of the text. */
export function mappTrain(): CorpusPolicy[] {
  const dir = path.join(EN, 'mapp');
  const out: CorpusPolicy[] = [];
  for (const f of readdirSync(path.join(dir, 'English_consolidation')).filter((x) => x.endsWith('.csv'))) {
    const rows = readFileSync(path.join(dir, 'English_consolidation', f), 'utf8').split('\n').slice(1).filter((l) => l.trim()).map(csvFields);
    if (rows.length === 0 || rows[0]![5] !== 'TRAIN') continue;
    const lines = readFileSync(path.join(dir, 'English_sanitized_policies', f.replace(/\.csv$/, '.txt')), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    const labels = new Map<number, string>();
    for (const r of rows) labels.set(Number(r[1]), r[2] ?? '');
    out.push({ id: f, units: lines.map((text, i) => ({ text, collect: (labels.get(i + 1) ?? '').includes('First Party'), share: (labels.get(i + 1) ?? '').includes('Third Party') })) });
  }
  return out;
}

/** APPSI-139 train sentences, each its own one-unit policy (the corpus gives no policy ids). */
export function appsiTrain(): CorpusPolicy[] {
  return readFileSync(path.join(EN, 'appsi139', 'train.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
    const r = JSON.parse(l) as { text: string; labels: string[] };
    const unit: Unit = { text: r.text, collect: r.labels.includes('First Party Collection Information'), share: r.labels.some((x) => x.startsWith('Third Party Sharing')) };
    return { id: `appsi-${i}`, units: [unit] };
  });
}

/** PI-Extract "train" sentences grouped by policy, in order; a sentence with a COLLECT span states a collection. */
export function piextractTrain(): CorpusPolicy[] {
  const by = new Map<string, Unit[]>();
  for (const l of readFileSync(path.join(EN, 'piextract', 'sentences.jsonl'), 'utf8').split('\n')) {
    if (!l.trim()) continue;
    const r = JSON.parse(l) as { policy: string | null; split: string; text: string; spans: { label: string }[] };
    if (r.split !== 'train') continue;
    const key = r.policy ?? 'unknown';
    const units = by.get(key) ?? [];
    units.push({ text: r.text, collect: r.spans.some((s) => /COLLECT$/.test(s.label)), share: r.spans.some((s) => /SHARE$/.test(s.label)) });
    by.set(key, units);
  }
  return [...by].map(([id, units]) => ({ id, units }));
}

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
