/**
 * Field detections memoised by what the field detectors read: apps send the same header, cookie
 * and query values in every request, so a value's detections are computed once and re-addressed
 * to each field that carries it. The detectors read the key, the parent key, the value, and of
 * the location only whether it is the User-Agent header or a cookie; nothing else of a field may
 * change their answer (test/observe/detect/field-memo.test.ts checks the memo against them).
 */
import type { Detection } from '../../model/flow.js';
import type { Detector, Field } from './detector.js';

/** Longer values (bodies, blobs) rarely repeat exactly and would make the keys costly. */
const MAX_VALUE = 512;
/** Entries per generation; two generations bound the memo at about 2 × this. */
const GENERATION = 20_000;

type Found = Pick<Detection, 'dataType' | 'confidence' | 'value' | 'detector' | 'note'>;

/**
 * value → detections per (location class, parent, key); values first, so no long key is built.
 * Most values are seen in one context only: the first context is kept inline and a Map is made
 * only for a value seen in a second one (a Map per value is most of the memo's garbage).
 */
interface MemoEntry {
  context: string;
  found: Found[];
  more?: Map<string, Found[]>;
}
type Memo = Map<string, MemoEntry>;
let current: Memo = new Map();
let previous: Memo = new Map();
let entries = 0;

function locationClass(where: string): string {
  if (where === 'header.user-agent') return 'u';
  return where.startsWith('cookie.') ? 'c' : '-';
}

function run(field: Field, detectors: readonly Detector[]): Found[] {
  let found: Found[] | undefined;
  for (const detector of detectors) {
    const hits = detector.detect(field);
    for (let i = 0; i < hits.length; i++) {
      const d = hits[i]!;
      const f: Found = { dataType: d.dataType, confidence: d.confidence, value: d.value, detector: detector.id };
      if (d.note) f.note = d.note;
      (found ??= []).push(f);
    }
  }
  return found ?? NONE;
}

/** The shared answer of every field nothing was found in (never mutated). */
const NONE: Found[] = [];

function lookup(memo: Memo, value: string, context: string): Found[] | undefined {
  const entry = memo.get(value);
  if (!entry) return undefined;
  return entry.context === context ? entry.found : entry.more?.get(context);
}

function remember(value: string, context: string, found: Found[]): void {
  // Two generations: the old one is dropped whole when the new one fills, the least recently used with it.
  if (entries >= GENERATION) {
    previous = current;
    current = new Map();
    entries = 0;
  }
  const entry = current.get(value);
  if (!entry) current.set(value, { context, found });
  else (entry.more ??= new Map()).set(context, found);
  entries++;
}

/**
 * Hits and lookups per context. The values of some keys repeat in every request (device ids, the
 * User-Agent); those of others never do (the numbers of an address book, sequence counters), and
 * for those the memo costs more than the detectors it saves: a context whose values stopped
 * repeating is not memoised until its next trial.
 */
interface ContextStats { lookups: number; hits: number }
const stats = new Map<string, ContextStats>();
/** Lookups of a context before its hit rate is judged, and until it is tried again. */
const TRIAL = 64;
const RETRY = 4096;

function memoWorthIt(context: string): ContextStats | undefined {
  let s = stats.get(context);
  if (!s) {
    if (stats.size >= GENERATION) stats.clear();
    stats.set(context, (s = { lookups: 0, hits: 0 }));
  }
  if (s.lookups >= TRIAL && s.hits * 8 < s.lookups) {
    // Not worth it: counted as lookups without hits until the retry starts a new trial.
    if (++s.lookups >= RETRY) s.lookups = s.hits = 0;
    return undefined;
  }
  return s;
}

/** Appends the detections of one leaf field to `out`, from the memo when its value was seen before. */
export function detectField(field: Field, detectors: readonly Detector[], out: Detection[]): void {
  let found: Found[] | undefined;
  const value = field.value;
  const context = value.length > MAX_VALUE ? undefined : `${locationClass(field.where)}${field.parent ?? ''}\0${field.key}`;
  const s = context === undefined ? undefined : memoWorthIt(context);
  if (context === undefined || s === undefined) {
    found = run(field, detectors);
  } else {
    s.lookups++;
    found = lookup(current, value, context);
    if (found) {
      s.hits++;
    } else {
      found = lookup(previous, value, context);
      if (found) s.hits++;
      else found = run(field, detectors);
      remember(value, context, found);
    }
  }
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    const d: Detection = { dataType: f.dataType, where: field.where, encoding: field.encoding, confidence: f.confidence, value: f.value, detector: f.detector };
    if (f.note) d.note = f.note;
    out.push(d);
  }
}

/** Forgets every memoised value (tests; a long-running host switching detector sets). */
export function clearFieldMemo(): void {
  stats.clear();
  current = new Map();
  previous = new Map();
  entries = 0;
}
