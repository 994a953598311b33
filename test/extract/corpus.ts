/**
 * The shared expert-labelled corpora, read in place from ../shared/data/policies, each as policies of
 * units (segments or sentences) with a gold "states a collection" / "states a sharing" label and a
 * fixed split: `train` (rules were tuned and the statement model trained on it) or `test` (only ever
 * measured). The splits are documented in test/fixtures/extract/SPLITS.md.
 *
 * Labels follow each corpus: collection is the first party's collection (and, where the scheme joins
 * them, use); sharing is disclosure to a third party or a third party's own collection. Negative
 * statements are labelled too ("we do not share ..."), as all five schemes label them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Practice } from '../../src/model/practice.js';
import { kindsOf } from '../../src/extract/classifier/unit-features.js';
import { parseCsv, pythonList } from './csv.js';
import { templateClusters } from './template-clusters.js';

export const sharedPolicies = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'policies');

export type Split = 'train' | 'test';
export interface Unit { text: string; collect: boolean; share: boolean; /** CA4P-483: whether annotators tagged anything in the unit. */ tagged?: boolean }
/** An OPP-scheme data category a policy states for an action: "collect:location". */
export type Pair = string;
export interface CorpusPolicy { id: string; split: Split; units: Unit[]; /** OPP-115, MAPP: gold (action, data category) pairs of the whole policy. */ pairs?: Set<Pair> }

export type CorpusName = 'OPP-115' | 'MAPP' | 'APPSI-139' | 'PI-Extract' | 'CAPP-130' | 'CA4P-483';
export interface Corpus {
  name: CorpusName; lang: 'en' | 'zh'; unit: 'segment' | 'sentence'; folder: string; load: () => CorpusPolicy[];
  /** Which of the corpus's labels a practice gives, where the scheme differs from kindsOf(). */
  kinds?: (p: Practice) => { collect: boolean; share: boolean };
}

/** Fixed dev/test half of a policy by an FNV-1a hash of its file name: tune on dev, report test. */
export function halfOf(id: string): 'dev' | 'test' {
  return fnv1a(id) % 2 === 0 ? 'dev' : 'test';
}

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

const splitOfHalf = (id: string): Split => (halfOf(id) === 'dev' ? 'train' : 'test');

/** The folders the corpus tests read; they skip when one is missing. */
export const corpusFolders = [path.join(sharedPolicies, 'en', 'opp115'), path.join(sharedPolicies, 'zh', 'capp130', 'annotations')];

/** OPP-115 and CAPP-130 (the two corpora every earlier figure was measured on). */
export function corpusAvailable(): boolean {
  return corpusFolders.every((folder) => existsSync(folder));
}

export const available = (c: Corpus) => existsSync(path.join(sharedPolicies, c.folder));

const stripHtml = (s: string) => s.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&rsquo;/g, "'").replace(/[ \t]+/g, ' ').trim();

/**
 * OPP-115 and MAPP information types → one category key. Both use the same scheme; MAPP merges
 * biometric and genetic data into health and has no "User profile". Other and Unspecified name no
 * category, and Demographic, Social media data, Survey data and political beliefs have no data type
 * in our ontology: pairs of those are left out of the per-policy measure.
 */
export const OPP_CATEGORY: Record<string, string> = {
  'Contact': 'contact', 'Contact information': 'contact',
  'Cookies and tracking elements': 'cookies',
  'IP address and device IDs': 'device_ids',
  'Computer information': 'computer',
  'Location': 'location',
  'Financial': 'financial',
  'Health': 'health', 'Health, genetic, or biometric data': 'health',
  'Generic personal information': 'generic',
  'User online activities': 'online_activities',
  'Personal identifier': 'personal_identifier',
  'User Profile': 'user_profile', 'User profile': 'user_profile',
};

/** OPP-115: segments of 60 website policies (the even half of the corpus); split by halfOf. */
export function opp115(): CorpusPolicy[] {
  const dir = path.join(sharedPolicies, 'en', 'opp115');
  return readdirSync(dir).filter((f) => f.endsWith('.html')).sort().map((f) => {
    const segments = readFileSync(path.join(dir, f), 'utf8').split('|||');
    const labels = new Map<number, Set<string>>();
    const pairs = new Set<Pair>();
    for (const row of parseCsv(readFileSync(path.join(dir, f.replace(/\.html$/, '.csv')), 'utf8'))) {
      const seg = Number(row[4]), category = row[5] ?? '';
      if (!Number.isInteger(seg)) continue;
      if (!labels.has(seg)) labels.set(seg, new Set());
      labels.get(seg)!.add(category);
      const action = category === 'First Party Collection/Use' ? 'collect' : category === 'Third Party Sharing/Collection' ? 'share' : undefined;
      if (!action) continue;
      const attrs = JSON.parse(row[6] ?? '{}') as Record<string, { value: string }>;
      const kind = OPP_CATEGORY[attrs['Personal Information Type']?.value ?? ''];
      if (kind && attrs['Does/Does Not']?.value !== 'Does Not') pairs.add(`${action}:${kind}`);
    }
    return {
      id: f, split: splitOfHalf(f), pairs,
      units: segments.map((s, i) => ({
        text: stripHtml(s),
        collect: labels.get(i)?.has('First Party Collection/Use') ?? false,
        share: labels.get(i)?.has('Third Party Sharing/Collection') ?? false,
      })),
    };
  });
}

/**
 * MAPP: segments of 64 app policies; split by the corpus's own policy_type (TRAIN 52, TEST 12).
 * A segment lists its categories and attribute values without saying which value belongs to which
 * category: a segment labelled both First Party and Third Party gives its information types to both
 * actions, and one with a "Does Not" value gives none.
 */
export function mapp(): CorpusPolicy[] {
  const root = path.join(sharedPolicies, 'en', 'mapp');
  return readdirSync(path.join(root, 'English_consolidation')).filter((f) => f.endsWith('.csv')).sort().map((f) => {
    const lines = readFileSync(path.join(root, 'English_sanitized_policies', f.replace(/\.csv$/, '.txt')), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const rows = parseCsv(readFileSync(path.join(root, 'English_consolidation', f), 'utf8')).slice(1);
    const labels = new Map<number, string[]>();
    const pairs = new Set<Pair>();
    let split: Split = 'train';
    for (const row of rows) {
      const seg = Number(row[1]), categories = pythonList(row[2] ?? ''), values = pythonList(row[4] ?? '');
      if (row[5] === 'TEST') split = 'test';
      labels.set(seg, categories);
      if (values.some((v) => v.endsWith('_Does Not'))) continue;
      for (const v of values) {
        const kind = v.startsWith('Information Type_') ? OPP_CATEGORY[v.slice('Information Type_'.length)] : undefined;
        if (!kind) continue;
        if (categories.includes('First Party')) pairs.add(`collect:${kind}`);
        if (categories.includes('Third Party')) pairs.add(`share:${kind}`);
      }
    }
    return {
      id: f, split, pairs,
      units: lines.map((text, i) => ({ text: text.trim(), collect: labels.get(i + 1)?.includes('First Party') ?? false, share: labels.get(i + 1)?.includes('Third Party') ?? false })),
    };
  });
}

/**
 * APPSI-139: sentences of 139 app policies with no policy id; train.jsonl is the training split,
 * dev.jsonl (never tuned on) the test split. Sentences are grouped by their line in blocks of 100 into
 * pseudo-policies, so folds and the extractor's context see neighbouring sentences together.
 * Collection is First Party Collection Information or Usage: the English head is the first party's
 * collection and use, as OPP-115 and MAPP label it (APPSI-139 gives use a label of its own).
 */
export function appsi139(): CorpusPolicy[] {
  const dir = path.join(sharedPolicies, 'en', 'appsi139');
  const out: CorpusPolicy[] = [];
  for (const [file, split] of [['train.jsonl', 'train'], ['dev.jsonl', 'test']] as const) {
    const rows = readFileSync(path.join(dir, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { line: number; text: string; labels: string[] });
    rows.sort((a, b) => a.line - b.line);
    for (let i = 0; i < rows.length; i += 100) {
      out.push({
        id: `${file}:${rows[i]!.line}`, split,
        units: rows.slice(i, i + 100).map((r) => ({ text: r.text, collect: r.labels.includes('First Party Collection Information') || r.labels.includes('Usage'), share: r.labels.includes('Third Party Sharing/ Disclosure') })),
      });
    }
  }
  return out;
}

export interface PiSentence { policy: string | null; split: 'train' | 'validation'; tokens: string[]; text: string; spans: { label: 'COLLECT' | 'SHARE' | 'NOT_COLLECT' | 'NOT_SHARE'; start: number; end: number; text: string }[] }

/**
 * PI-Extract sentences. Its sentences are OPP-115 text: train sentences of an OPP-115 test-half
 * policy are left out (training on them would train on OPP-115's test half), and the test split is
 * the source's validation split (3 policies, all in OPP-115's test half, so never trained on).
 */
export function piextractSentences(): PiSentence[] {
  return readFileSync(path.join(sharedPolicies, 'en', 'piextract', 'sentences.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as PiSentence);
}

export const piSplit = (s: PiSentence): Split | undefined =>
  s.split === 'validation' ? 'test' : s.policy !== null && halfOf(`${s.policy}.html`) === 'dev' ? 'train' : undefined;

export function piextract(): CorpusPolicy[] {
  const byPolicy = new Map<string, CorpusPolicy>();
  for (const s of piextractSentences()) {
    const split = piSplit(s);
    if (!split) continue;
    const id = `${s.policy}:${s.split}`;
    if (!byPolicy.has(id)) byPolicy.set(id, { id, split, units: [] });
    const labels = new Set(s.spans.map((x) => x.label));
    byPolicy.get(id)!.units.push({ text: s.text, collect: labels.has('COLLECT') || labels.has('NOT_COLLECT'), share: labels.has('SHARE') || labels.has('NOT_SHARE') });
  }
  return [...byPolicy.values()];
}

/** CAPP-130 sentences of 65 annotated app policies; split by halfOf. */
export function capp130(): CorpusPolicy[] {
  const dir = path.join(sharedPolicies, 'zh', 'capp130', 'annotations');
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => ({
    id: f, split: splitOfHalf(f),
    units: readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
      const r = JSON.parse(l) as { text: string; label: string[] };
      return { text: r.text, collect: r.label.includes('数据收集'), share: r.label.some((x) => x.startsWith('共享')) };
    }),
  }));
}

export interface Ca4pSpan { label: string; start: number; end: number; text: string }
export interface Ca4pPolicy { id: string; text: string; segments: { start: number; end: number }[]; spans: Ca4pSpan[] }

export function ca4pPolicies(): Ca4pPolicy[] {
  const dir = path.join(sharedPolicies, 'zh', 'ca4p483');
  return readdirSync(path.join(dir, 'annotations')).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const id = f.replace(/\.json$/, '');
    const objects = JSON.parse(readFileSync(path.join(dir, 'annotations', f), 'utf8')) as { classId_name: string; start: number; end: number; text: string }[];
    const segments = new Map<string, { start: number; end: number }>();
    const spans: Ca4pSpan[] = [];
    for (const o of objects) {
      if (o.classId_name === '') segments.set(`${o.start}:${o.end}`, { start: o.start, end: o.end });
      else spans.push({ label: o.classId_name, start: o.start, end: o.end, text: o.text });
    }
    return { id, text: readFileSync(path.join(dir, 'text', `${id}.txt`), 'utf8'), segments: [...segments.values()].sort((a, b) => a.start - b.start), spans };
  });
}

/** An actor span naming someone other than the app's operator (or the user, who gives us data). */
const THIRD_ACTOR = /第三方|sdk|关联|合作|伙伴|服务商|提供商|提供者|运营商|机构|他们|其他用户|广告|支付|公司$/i;
const FIRST_ACTOR = /^[，,]?(我们|我方|我行|我公司|本公司|本软件|本应用|本平台|您|你|用户)/;
const USER_ACTOR = /^[，,]?(您|你|用户)/;
/** The 分享 verbs of the user giving data to the app (您填写、上传、提交、提供): our collection. */
const GIVING = /^(填写|上传|提交|输入|完善|提供|录入|授权)/;

/** CA4P-483's 收集 covers use and keeping as well: the first party's use and retention are its collection. */
const ca4pKinds = (p: Practice) => {
  const k = kindsOf(p, 'zh');
  return { collect: k.collect || (p.actor === 'first_party' && (p.action === 'use' || p.action === 'retain')), share: k.share };
};

/**
 * CA4P-483 split: a deterministic fifth of the template clusters (policies sharing most of their
 * sentences are one cluster) is the test split; the rest is training.
 */
export function ca4pSplits(policies: Ca4pPolicy[]): Map<string, Split> {
  const out = new Map<string, Split>();
  for (const cluster of templateClusters(policies.map((p) => ({ id: p.id, text: p.text })))) {
    const split: Split = fnv1a(`ca4p:${cluster[0]}`) % 5 === 0 ? 'test' : 'train';
    for (const id of cluster) out.set(id, split);
  }
  return out;
}

/**
 * CA4P-483 as sentences of its annotated segments (cut at 。！？ and line ends). Its 收集 span marks
 * the verbs of collecting, using and keeping (收集, 使用, 获取, 记录, 保存...), its 分享 span those of
 * passing data on, including the user's to us (共享, 提供, 披露, 填写, 上传...). A sentence states a
 * collection when it holds a 收集 span and no third-party actor, or a 分享 span of the user giving
 * data (actor 您, verb 填写/上传/提交/提供...); a sharing when it holds another 分享 span, or a 收集
 * span with a third-party actor (a third party's own collection).
 */
export function ca4p483(policies = ca4pPolicies()): CorpusPolicy[] {
  const splits = ca4pSplits(policies);
  return policies.map((p) => ({
    id: p.id, split: splits.get(p.id)!,
    units: ca4pSentences(p).map(({ text, spans }) => {
      const actors = spans.filter((s) => s.label === '操作者');
      const third = actors.some((s) => THIRD_ACTOR.test(s.text) && !FIRST_ACTOR.test(s.text));
      const user = actors.length > 0 && actors.every((s) => USER_ACTOR.test(s.text));
      const collects = spans.some((s) => s.label === '收集');
      const toUs = spans.filter((s) => s.label === '分享' && user && GIVING.test(s.text)).length;
      const shares = spans.filter((s) => s.label === '分享').length > toUs;
      return { text, collect: (collects && !third) || toUs > 0, share: shares || (collects && third), tagged: spans.length > 0 };
    }),
  }));
}

/** The sentences of a CA4P-483 policy's annotated segments (cut at 。！？ and line ends), with the spans that start in each. */
export function ca4pSentences(p: Ca4pPolicy): { text: string; start: number; spans: Ca4pSpan[] }[] {
  const out: { text: string; start: number; spans: Ca4pSpan[] }[] = [];
  for (const seg of p.segments) {
    let start = seg.start;
    const cuts = [...p.text.slice(seg.start, seg.end).matchAll(/[。！？!?]+|\n+/g)].map((m) => seg.start + m.index! + m[0].length);
    for (const end of [...cuts, seg.end]) {
      if (end <= start) continue;
      const raw = p.text.slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      const spans = p.spans.filter((s) => s.start >= start && s.start < end);
      const from = start + lead;
      start = end;
      const text = raw.trim();
      if (text.replace(/[=#\s]/g, '').length < 2) continue;
      out.push({ text, start: from, spans });
    }
  }
  return out;
}

export const CORPORA: Corpus[] = [
  { name: 'OPP-115', lang: 'en', unit: 'segment', folder: 'en/opp115', load: opp115 },
  { name: 'MAPP', lang: 'en', unit: 'segment', folder: 'en/mapp', load: mapp },
  { name: 'APPSI-139', lang: 'en', unit: 'sentence', folder: 'en/appsi139', load: appsi139 },
  { name: 'PI-Extract', lang: 'en', unit: 'sentence', folder: 'en/piextract', load: piextract },
  { name: 'CAPP-130', lang: 'zh', unit: 'sentence', folder: 'zh/capp130/annotations', load: capp130 },
  { name: 'CA4P-483', lang: 'zh', unit: 'sentence', folder: 'zh/ca4p483', load: () => ca4p483(), kinds: ca4pKinds },
];
