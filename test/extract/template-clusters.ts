/**
 * Groups policies written from one template: two policies are one cluster when at least half the
 * distinct sentences of the shorter are also in the other. Keeps a template's copies on one side of
 * a train/test split. Clusters and their members are sorted, so the result is deterministic.
 */
const sentencesOf = (text: string) => new Set(text.split(/[。！？!?\n]+/).map((s) => s.replace(/\s+/g, '')).filter((s) => s.length >= 12));

export function templateClusters(docs: { id: string; text: string }[]): string[][] {
  const sets = docs.map((d) => sentencesOf(d.text));
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const bySentence = new Map<string, number[]>();
  sets.forEach((s, i) => { for (const x of s) { const l = bySentence.get(x); if (l) l.push(i); else bySentence.set(x, [i]); } });
  const shared = new Map<number, number>();
  for (const holders of bySentence.values()) {
    if (holders.length < 2 || holders.length > 50) continue; // boilerplate in many policies says nothing of templates
    for (let a = 0; a < holders.length; a++) for (let b = a + 1; b < holders.length; b++) {
      const key = holders[a]! * docs.length + holders[b]!;
      shared.set(key, (shared.get(key) ?? 0) + 1);
    }
  }
  for (const [key, n] of shared) {
    const a = Math.floor(key / docs.length), b = key % docs.length;
    if (n >= 0.5 * Math.min(sets[a]!.size, sets[b]!.size)) parent[find(a)] = find(b);
  }
  const groups = new Map<number, string[]>();
  docs.forEach((d, i) => { const r = find(i); const g = groups.get(r); if (g) g.push(d.id); else groups.set(r, [d.id]); });
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}
