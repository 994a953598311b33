/**
 * Generates a study: a JSON Lines manifest of N apps whose policies are variants taken in place
 * (examples/, and when present the OPP-115 and CAPP-130 policies in ../shared/data, never copied)
 * and whose captures are the example captures or pcaps written by the capture generator
 * (bench/capture-gen.ts) at sizes and profiles that vary by app. Deterministic for a given N.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigCapture, type CaptureProfile } from './capture-gen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const example = (f: string) => path.join(root, 'examples', f);
const SHARED = path.resolve(root, '..', 'shared', 'data', 'policies');

export interface StudyGenOptions {
  apps: number;
  /** Also use the third-party policies in ../shared/data when they are there. */
  sharedPolicies?: boolean;
  /** Generated capture sizes cycle through these (bytes). */
  captureSizes?: number[];
}

export interface GeneratedStudy {
  manifest: string;
  apps: number;
  policies: number;
  captures: number;
}

function policyVariants(shared: boolean): { file: string; lang: 'en' | 'zh' }[] {
  const out: { file: string; lang: 'en' | 'zh' }[] = [{ file: example('policy.en.html'), lang: 'en' }, { file: example('policy.zh.md'), lang: 'zh' }];
  if (!shared) return out;
  const opp = path.join(SHARED, 'en', 'opp115');
  if (existsSync(opp)) for (const f of readdirSync(opp).filter((n) => n.endsWith('.html')).sort().slice(0, 20)) out.push({ file: path.join(opp, f), lang: 'en' });
  const capp = path.join(SHARED, 'zh', 'capp130', 'original');
  if (existsSync(capp)) for (const f of readdirSync(capp).filter((n) => /^policy-\d+\.txt$/.test(n)).sort().slice(0, 20)) out.push({ file: path.join(capp, f), lang: 'zh' });
  return out;
}

export async function writeStudy(dir: string, options: StudyGenOptions): Promise<GeneratedStudy> {
  mkdirSync(path.join(dir, 'captures'), { recursive: true });
  const policies = policyVariants(options.sharedPolicies === true);
  const sizes = options.captureSizes ?? [96 << 10, 192 << 10, 384 << 10];
  const profiles: CaptureProfile[] = ['dense', 'mixed'];
  // A handful of distinct generated captures, shared by many apps as a real study's SDK traffic would be.
  const generated: string[] = [];
  for (let k = 0; k < Math.min(6, Math.max(1, Math.ceil(options.apps / 4))); k++) {
    const file = path.join(dir, 'captures', `gen-${k}.pcap`);
    if (!existsSync(file)) await writeBigCapture(file, sizes[k % sizes.length] as number, { pool: 64 + 32 * k, profile: profiles[k % 2] as CaptureProfile });
    generated.push(file);
  }
  const captureSets = [[example('capture.pcap')], [example('capture.har')], ...generated.map((g) => [g]), [example('capture.pcap'), generated[0] as string]];
  const lines: string[] = [];
  for (let i = 0; i < options.apps; i++) {
    const policy = policies[i % policies.length]!;
    const record: Record<string, unknown> = {
      id: `app-${String(i + 1).padStart(4, '0')}`,
      policy: policy.file,
      captures: captureSets[(i * 7) % captureSets.length],
      region: policy.lang === 'zh' ? 'CN' : i % 3 === 0 ? 'US-CA' : 'EU',
      labels: { store: i % 2 === 0 ? 'play' : 'appstore', category: ['social', 'tools', 'games', 'shopping'][i % 4] as string, version: `1.${i % 5}.0` },
    };
    if (i % 2 === 0) record.identifiers = example('identifiers.json');
    lines.push(JSON.stringify(record));
  }
  const manifest = path.join(dir, 'manifest.jsonl');
  writeFileSync(manifest, `${lines.join('\n')}\n`);
  return { manifest, apps: options.apps, policies: policies.length, captures: generated.length + 2 };
}
