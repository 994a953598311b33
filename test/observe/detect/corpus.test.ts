/** Precision and recall per data type on the generated corpus (>= 2,000 planted, >= 2,000 clean requests). */
import assert from 'node:assert/strict';
import { detectFlow } from '../../../src/observe/detect/index.js';
import { makeDetectCorpus, type CorpusItem } from '../../../scripts/make-detect-corpus.js';

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

export function score(items: CorpusItem[]): { table: Map<string, Score>; misses: Map<string, string[]>; falses: Map<string, string[]> } {
  const table = new Map<string, Score>();
  const misses = new Map<string, string[]>();
  const falses = new Map<string, string[]>();
  const row = (t: string): Score => {
    let s = table.get(t);
    if (!s) table.set(t, (s = { tp: 0, fp: 0, fn: 0 }));
    return s;
  };
  for (const item of items) {
    const detections = detectFlow(item.flow, item.known);
    const found = new Set(detections.map((d) => d.dataType));
    for (const t of item.planted) {
      if (found.has(t)) row(t).tp++;
      else {
        row(t).fn++;
        misses.set(t, [...(misses.get(t) ?? []), item.encoding]);
      }
    }
    for (const t of found) {
      if (item.planted.includes(t)) continue;
      row(t).fp++;
      const d = detections.find((x) => x.dataType === t)!;
      falses.set(t, [...(falses.get(t) ?? []), `${d.where}=${d.value}`]);
    }
  }
  return { table, misses, falses };
}

describe('detection corpus: precision and recall per data type', function () {
  this.timeout(120_000);
  it('every planted type has precision >= 0.95 and recall >= 0.9', function () {
    const corpus = makeDetectCorpus();
    assert.ok(corpus.positives.length >= 2000 && corpus.negatives.length >= 2000);
    const { table, misses, falses } = score([...corpus.positives, ...corpus.negatives]);
    const lines = ['type                 planted  TP   FP   FN  precision recall'];
    const failures: string[] = [];
    for (const [type, s] of [...table].sort(([a], [b]) => a.localeCompare(b))) {
      const precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
      const recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
      lines.push(`${type.padEnd(20)} ${String(s.tp + s.fn).padStart(7)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${precision.toFixed(3).padStart(8)} ${recall.toFixed(3).padStart(6)}`);
      if (precision < 0.95 || recall < 0.9) failures.push(`${type}: precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} misses ${JSON.stringify(misses.get(type)?.slice(0, 8))} false ${JSON.stringify(falses.get(type)?.slice(0, 5))}`);
    }
    console.log(`      ${corpus.positives.length} planted + ${corpus.negatives.length} clean requests\n      ${lines.join('\n      ')}`);
    assert.deepEqual(failures, []);
  });

  it('names the encoding of known values found hashed or hex-encoded', function () {
    const corpus = makeDetectCorpus(7, 20, 0);
    const wrapped = corpus.positives.filter((item) => ['md5', 'sha1', 'sha256', 'hex'].includes(item.encoding));
    assert.ok(wrapped.length > 50);
    for (const item of wrapped) {
      const d = detectFlow(item.flow, item.known).find((x) => x.dataType === item.planted[0]);
      assert.equal(d?.encoding.split('+').pop(), item.encoding, `${item.planted[0]} in ${item.flow.url}`);
      assert.equal(d?.confidence, 1);
    }
  });
});
