/**
 * Extraction throughput: policies per second and peak RSS over OPP-115 (60 English) and the
 * 131 CAPP-130 originals plus its 65 annotated policies (Chinese), read in place from ../shared/data.
 * Loading the statement models is inside the timed span (and also shown on its own).
 * Run: npx tsx bench/extract.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PolicyDocument } from '../src/load/document.js';
import { extractPolicy } from '../src/extract/index.js';
import { statementModel } from '../src/extract/classifier/model.js';
import { capp130, corpusAvailable, opp115, sharedPolicies } from '../test/extract/corpus.js';

if (!corpusAvailable()) { console.error('shared corpora not found next to the repository'); process.exit(2); }
const docs: PolicyDocument[] = [];
const asDoc = (id: string, lang: 'en' | 'zh', texts: string[]): PolicyDocument => ({
  source: id, format: 'text', language: lang,
  blocks: texts.map((text, i) => ({ kind: 'paragraph', text, section: [], location: `¶${i}` })),
});
for (const p of opp115()) docs.push(asDoc(p.id, 'en', p.units.map((u) => u.text)));
for (const p of capp130()) docs.push(asDoc(p.id, 'zh', p.units.map((u) => u.text)));
const originals = path.join(sharedPolicies, 'zh', 'capp130', 'original');
for (const f of readdirSync(originals).filter((f) => f.endsWith('.txt'))) docs.push(asDoc(f, 'zh', readFileSync(path.join(originals, f), 'utf8').split(/\n+/)));

let peak = process.memoryUsage().rss;
let practices = 0, chars = 0;
const t0 = performance.now();
statementModel('en');
statementModel('zh');
const loaded = performance.now() - t0;
for (const d of docs) {
  practices += extractPolicy(d).practices.length;
  chars += d.blocks.reduce((n, b) => n + b.text.length, 0);
  peak = Math.max(peak, process.memoryUsage().rss);
}
const secs = (performance.now() - t0) / 1000;
console.log(`${docs.length} policies, ${(chars / 1e6).toFixed(1)} M chars, ${practices} practices in ${secs.toFixed(2)} s: ${(docs.length / secs).toFixed(1)} policies/s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (statement models loaded in ${loaded.toFixed(0)} ms of it)`);
