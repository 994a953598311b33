/**
 * Generates the detection corpus (deterministic for a seed): requests with planted personal data of
 * every type in every encoding (query, double URL-encoding, form, nested JSON, JSON in a string,
 * base64, gzip, base64+gzip, cookie, header, multipart, hashes, hex, unkeyed), and realistic
 * requests with none. The test builds it in memory; run this to look at it:
 *   npx tsx scripts/make-detect-corpus.ts [seed] > corpus.jsonl
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { RawFlow } from '../src/observe/reader.js';
import type { KnownIdentifiers } from '../src/observe/detect/detector.js';
import * as V from '../test/fixtures/detect/corpus-values.js';
import { PLANTS, PLANTED_TYPES, type Plant } from '../test/fixtures/detect/corpus-plants.js';

export interface CorpusItem {
  flow: RawFlow;
  /** Data types planted in the request (empty for the negative half). */
  planted: string[];
  known?: KnownIdentifiers;
  /** How the values were wrapped, for reading failures. */
  encoding: string;
}

const STRUCTURED = ['query', 'query-double', 'form', 'json', 'json-string', 'b64-query', 'gzip-body', 'b64-gzip-form', 'cookie', 'multipart'] as const;
const SCALAR_ONLY = ['header', 'b64-value', 'md5', 'sha1', 'sha256', 'hex', 'unkeyed'] as const;
const HOSTS = ['api.example-app.cn', 'log.tracker.example', 'sdk.adnet.example', 'cfg.example.com', 'collect.analytics.example'];
const UAS = ['okhttp/4.12.0', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36', 'ExampleApp/5.2.1 (build 520)', 'CFNetwork/1494.0.7'];

type Rec = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v));

function nest(rng: V.Rng, record: Rec): unknown {
  let out: unknown = record;
  for (let d = V.int(rng, 0, 4); d > 0; d--) out = V.pick(rng, [{ data: out }, { payload: out, v: 2 }, { events: [out] }, { device: out }]);
  return out;
}

function flow(rng: V.Rng, parts: { url?: string; method?: string; headers?: Array<{ name: string; value: string }>; body?: Uint8Array; type?: string }): RawFlow {
  const host = V.pick(rng, HOSTS);
  const headers = [{ name: 'Host', value: host }, { name: 'User-Agent', value: V.pick(rng, UAS) }, ...(parts.headers ?? [])];
  const f: RawFlow = { time: new Date(Date.UTC(2026, 0, 1) + V.int(rng, 0, 8.64e7)).toISOString(), protocol: 'http', cleartext: false, host, method: parts.method ?? (parts.body ? 'POST' : 'GET'), url: `https://${host}${parts.url ?? '/v1/collect'}`, requestHeaders: headers };
  if (parts.body) {
    f.requestBody = { bytes: parts.body, contentType: parts.type };
    headers.push({ name: 'Content-Type', value: parts.type === 'multipart/form-data' ? `${parts.type}; boundary=${BOUNDARY}` : parts.type ?? 'application/octet-stream' });
  }
  return f;
}

const BOUNDARY = '----privdiffBoundary7MA4YWxk';

function query(record: Rec, double = false): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(record)) params.append(k, double ? encodeURIComponent(str(v)) : str(v));
  return `/v1/collect?${params.toString()}`;
}

function wrap(rng: V.Rng, encoding: string, record: Rec): RawFlow {
  const json = (x: unknown): Uint8Array => Buffer.from(JSON.stringify(x), 'utf8');
  switch (encoding) {
    case 'query':
      return flow(rng, { url: query(record) });
    case 'query-double':
      return flow(rng, { url: query(record, true) });
    case 'form':
      return flow(rng, { body: Buffer.from(new URLSearchParams(Object.entries(record).map(([k, v]): [string, string] => [k, str(v)])).toString()), type: 'application/x-www-form-urlencoded' });
    case 'json':
      return flow(rng, { body: json(nest(rng, record)), type: 'application/json' });
    case 'json-string':
      return flow(rng, { body: json({ sdk: 'x', payload: JSON.stringify(nest(rng, record)) }), type: 'application/json' });
    case 'b64-query':
      return flow(rng, { url: `/t.gif?d=${encodeURIComponent(Buffer.from(JSON.stringify(record)).toString('base64'))}&r=${V.hex(rng, 8)}` });
    case 'gzip-body':
      return flow(rng, { body: gzipSync(json(nest(rng, record))), type: 'application/octet-stream' });
    case 'b64-gzip-form':
      return flow(rng, { body: Buffer.from(`data=${encodeURIComponent(gzipSync(json(record)).toString('base64'))}&ts=${Date.now()}`), type: 'application/x-www-form-urlencoded' });
    case 'cookie':
      return flow(rng, { headers: [{ name: 'Cookie', value: Object.entries(record).map(([k, v]) => `${k}=${encodeURIComponent(str(v))}`).join('; ') }] });
    case 'header':
      return flow(rng, { headers: Object.entries(record).map(([k, v]) => ({ name: `X-${k}`, value: str(v) })) });
    case 'multipart': {
      const body = Object.entries(record).map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${str(v)}\r\n`).join('') + `--${BOUNDARY}--\r\n`;
      return flow(rng, { body: Buffer.from(body), type: 'multipart/form-data' });
    }
    default:
      throw new Error(`unknown corpus encoding ${encoding}`);
  }
}

const digest = (algorithm: string, s: string): string => createHash(algorithm).update(s).digest('hex');

/** A plant's record with its scalar transformed for the scalar-only encodings; undefined when it cannot be sent so. */
function scalarRecord(rng: V.Rng, plant: Plant, encoding: string): { record: Rec; known: boolean } | undefined {
  const s = plant.scalar;
  if (!s) return undefined;
  switch (encoding) {
    case 'header':
      return { record: { [s.key.replace(/_/g, '-').replace(/[^A-Za-z0-9-]/g, '') || 'Id']: s.value }, known: !/^[\x20-\x7e]+$/.test(s.key) };
    case 'b64-value':
      // Base64 of a value under 6 characters is 8 characters or fewer: any short word decodes, so it is not unwrapped.
      if (s.value.length < 6) return undefined;
      return { record: { [s.key]: Buffer.from(s.value).toString('base64') }, known: false };
    case 'md5':
    case 'sha1':
    case 'sha256':
      return { record: { [s.key]: digest(encoding, s.normal) }, known: true };
    case 'hex':
      if (s.value.length < 6) return undefined;
      return { record: { [s.key]: Buffer.from(s.value).toString('hex') }, known: true };
    case 'unkeyed':
      if (!plant.strong && s.value.length < 6) return undefined;
      return { record: { [V.pick(rng, ['v', 'data', 'p', 'x1', 'q'])]: s.value }, known: !plant.strong };
    default:
      return undefined;
  }
}

function positive(rng: V.Rng, type: string, i: number): CorpusItem {
  const plant = PLANTS[type]!(rng);
  const encodings = plant.scalar ? [...STRUCTURED, ...SCALAR_ONLY] : [...STRUCTURED];
  let encoding: string = encodings[i % encodings.length]!;
  let record = plant.record;
  let known: KnownIdentifiers | undefined;
  if ((SCALAR_ONLY as readonly string[]).includes(encoding)) {
    const s = scalarRecord(rng, plant, encoding);
    if (s) {
      record = s.record;
      if (s.known) known = { [type]: plant.scalar!.value };
    } else encoding = 'json';
  }
  const noisy = { ...V.noiseFields(rng, V.int(rng, 1, 5)), ...record };
  const carrier = (SCALAR_ONLY as readonly string[]).includes(encoding) ? (encoding === 'header' ? 'header' : V.pick(rng, ['query', 'json', 'form'])) : encoding;
  const f = carrier === 'header' ? wrap(rng, 'header', record) : wrap(rng, carrier, noisy);
  return { flow: f, planted: [type, ...plant.also], known, encoding };
}

function mobileUa(rng: V.Rng): CorpusItem {
  const model = V.pick(rng, ['SM-G9910', 'Pixel 7', 'ELE-AL00', 'M2012K11AC', 'V2055A']);
  const f = wrap(rng, 'query', V.noiseFields(rng, 3));
  f.requestHeaders = f.requestHeaders!.map((h) => (h.name === 'User-Agent' ? { name: h.name, value: `Dalvik/2.1.0 (Linux; U; Android ${V.int(rng, 9, 14)}; ${model} Build/SP1A.210812.016)` } : h));
  return { flow: f, planted: ['device_model', 'os_version'], encoding: 'user-agent' };
}

function negative(rng: V.Rng): CorpusItem {
  const record: Rec = V.noiseFields(rng, V.int(rng, 3, 10));
  if (rng() < 0.3) record.events = Array.from({ length: V.int(rng, 1, 4) }, () => V.noiseFields(rng, V.int(rng, 2, 5)));
  if (rng() < 0.2) record.cfg = Buffer.from(JSON.stringify(V.noiseFields(rng, 4))).toString('base64');
  const encoding = V.pick(rng, STRUCTURED);
  const f = wrap(rng, encoding, record);
  if (rng() < 0.3) f.requestHeaders!.push({ name: 'Cookie', value: `sessionid=${V.hex(rng, 32)}; csrftoken=${V.hex(rng, 24)}` });
  return { flow: f, planted: [], encoding };
}

export interface Corpus {
  positives: CorpusItem[];
  negatives: CorpusItem[];
}

/** `perType` positives for each planted type (plus User-Agent ones), and `negatives` clean requests. */
export function makeDetectCorpus(seed = 2014, perType = 100, negatives = 2400): Corpus {
  const rng = V.makeRng(seed);
  const positives: CorpusItem[] = [];
  for (let i = 0; i < perType; i++) for (const type of PLANTED_TYPES) positives.push(positive(rng, type, i));
  for (let i = 0; i < perType / 4; i++) positives.push(mobileUa(rng));
  return { positives, negatives: Array.from({ length: negatives }, () => negative(rng)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const corpus = makeDetectCorpus(Number(process.argv[2] ?? 2014));
  for (const item of [...corpus.positives, ...corpus.negatives]) {
    const { requestBody, ...rest } = item.flow;
    const body = requestBody ? { contentType: requestBody.contentType, base64: Buffer.from(requestBody.bytes).toString('base64') } : undefined;
    process.stdout.write(`${JSON.stringify({ ...item, flow: { ...rest, requestBody: body } })}\n`);
  }
}
