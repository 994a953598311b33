/** Tuple scoring of the hand-labelled sentence sets (test/fixtures/extract/eval-<lang>*.jsonl). */
import { readdirSync, readFileSync } from 'node:fs';
import { extractFromSentence } from '../../src/extract/index.js';

interface Item { text: string; expected: [string, string, string, boolean][] }

/**
 * Data types the ontology gained after the sets were labelled, scored at the labels' vocabulary:
 * camera and microphone were labelled as their parent media; calendar had no type (null: not scored).
 */
const LABEL_VOCABULARY: Record<string, string | null> = { camera: 'media', microphone: 'media', calendar: null };

function atLabelVocabulary(dataType: string): string | null {
  return Object.hasOwn(LABEL_VOCABULARY, dataType) ? (LABEL_VOCABULARY[dataType] as string | null) : dataType;
}
export interface Score { sentences: number; tp: number; fp: number; fn: number; misses: string[] }

const folder = new URL('../fixtures/extract/', import.meta.url);

export function evalFiles(lang: 'en' | 'zh'): string[] {
  return readdirSync(folder).filter((f) => new RegExp(`^eval-${lang}(?:-[\\w-]+)?\\.jsonl$`).test(f)).sort();
}

export function scoreFile(file: string, lang: 'en' | 'zh'): Score {
  const lines = readFileSync(new URL(file, folder), 'utf8').split('\n').filter((l) => l.trim());
  const s: Score = { sentences: lines.length, tp: 0, fp: 0, fn: 0, misses: [] };
  for (const line of lines) {
    const item = JSON.parse(line) as Item;
    const got = new Set(extractFromSentence(item.text, lang, '§1 ¶1').flatMap((p) => {
      const dataType = atLabelVocabulary(p.dataType);
      return dataType === null ? [] : [[p.organization ?? p.actor, p.action, dataType, p.negated].join('|')];
    }));
    const want = new Set(item.expected.map((t) => t.join('|')));
    for (const g of got) if (want.has(g)) s.tp++; else { s.fp++; s.misses.push(`FP ${g} :: ${item.text}`); }
    for (const w of want) if (!got.has(w)) { s.fn++; s.misses.push(`FN ${w} :: ${item.text}`); }
  }
  return s;
}

export type FileScore = Score & { file: string };

/** Pooled precision and recall of several files' tuples. */
export function pooled(files: FileScore[]) {
  const sum = (k: 'sentences' | 'tp' | 'fp' | 'fn') => files.reduce((n, f) => n + f[k], 0);
  const tp = sum('tp');
  return { sentences: sum('sentences'), precision: tp / (tp + sum('fp')), recall: tp / (tp + sum('fn')) };
}

export function scoreSet(lang: 'en' | 'zh') {
  const files: FileScore[] = evalFiles(lang).map((f) => ({ file: f, ...scoreFile(f, lang) }));
  return { files, ...pooled(files), misses: files.flatMap((f) => f.misses) };
}
