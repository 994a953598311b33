/**
 * The shared expert-labelled corpora read in place: OPP-115 segments (English) and CAPP-130
 * sentences (Chinese), each with a gold "has collection" / "has sharing" label.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const sharedPolicies = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'policies');

export interface Unit { text: string; collect: boolean; share: boolean }
export interface CorpusPolicy { id: string; units: Unit[] }

/** Fixed dev/test half of a policy by an FNV-1a hash of its file name: tune on dev, report test. */
export function halfOf(id: string): 'dev' | 'test' {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) { h ^= id.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h % 2 === 0 ? 'dev' : 'test';
}

/** The folders the corpus tests read; they skip when one is missing. */
export const corpusFolders = [path.join(sharedPolicies, 'en', 'opp115'), path.join(sharedPolicies, 'zh', 'capp130', 'annotations')];

export function corpusAvailable(): boolean {
  return corpusFolders.every((folder) => existsSync(folder));
}

const stripHtml = (s: string) => s.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&rsquo;/g, "'").replace(/[ \t]+/g, ' ').trim();

/** Parses the consolidated CSV lines enough to read segment id (col 5) and category (col 6). */
function segmentLabels(csv: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const line of csv.split('\n')) {
    const m = /^[^,]*,[^,]*,[^,]*,[^,]*,(\d+),([^,]+),/.exec(line);
    if (!m) continue;
    const seg = Number(m[1]);
    if (!out.has(seg)) out.set(seg, new Set());
    out.get(seg)!.add(m[2]!);
  }
  return out;
}

export function opp115(): CorpusPolicy[] {
  const dir = path.join(sharedPolicies, 'en', 'opp115');
  return readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => {
    const segments = readFileSync(path.join(dir, f), 'utf8').split('|||');
    const labels = segmentLabels(readFileSync(path.join(dir, f.replace(/\.html$/, '.csv')), 'utf8'));
    return {
      id: f,
      units: segments.map((s, i) => ({
        text: stripHtml(s),
        collect: labels.get(i)?.has('First Party Collection/Use') ?? false,
        share: labels.get(i)?.has('Third Party Sharing/Collection') ?? false,
      })),
    };
  });
}

export function capp130(): CorpusPolicy[] {
  const dir = path.join(sharedPolicies, 'zh', 'capp130', 'annotations');
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => ({
    id: f,
    units: readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
      const r = JSON.parse(l) as { text: string; label: string[] };
      return { text: r.text, collect: r.label.includes('数据收集'), share: r.label.some((x) => x.startsWith('共享')) };
    }),
  }));
}
