/**
 * Where a policy sentence stands in the policy's source file (line and column), so that a SARIF
 * viewer can jump to it. The source's visible text is rebuilt with a map back to source offsets
 * (for HTML: tags, comments, scripts and styles skipped, entities decoded), white space collapsed
 * on both sides, and each sentence searched for in it. Sentences that cannot be found get no region.
 */
import type { Evidence, PolicyExtraction } from '../model/practice.js';

export interface SourceRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

interface VisibleText {
  text: string;
  /** Source offset of each character of `text`. */
  offsets: number[];
  /** Source offset just after each character. */
  ends: number[];
}

function visibleText(source: string, html: boolean): VisibleText {
  const chars: string[] = [];
  const offsets: number[] = [];
  const ends: number[] = [];
  const push = (c: string, start: number, end: number) => {
    const space = /\s/.test(c);
    if (space && (chars.length === 0 || chars[chars.length - 1] === ' ')) return;
    chars.push(space ? ' ' : c);
    offsets.push(start);
    ends.push(end);
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (html && c === '<') {
      const lower = source.slice(i, i + 9).toLowerCase();
      const close = lower.startsWith('<!--') ? source.indexOf('-->', i) + 3
        : lower.startsWith('<script') ? source.toLowerCase().indexOf('</script', i)
        : lower.startsWith('<style') ? source.toLowerCase().indexOf('</style', i)
        : source.indexOf('>', i) + 1;
      if (close <= i) break;
      // A tag separates words only when it is a block; inline tags often split no word, so no space is added.
      i = lower.startsWith('<script') || lower.startsWith('<style') ? source.indexOf('>', close) + 1 || source.length : close;
      continue;
    }
    if (html && c === '&') {
      const m = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(source.slice(i, i + 12));
      if (m) {
        const name = m[1] as string;
        const decoded = name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16))
          : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : ENTITIES[name.toLowerCase()];
        if (decoded !== undefined) {
          for (const d of decoded) push(d, i, i + m[0].length);
          i += m[0].length;
          continue;
        }
      }
    }
    push(c, i, i + 1);
    i++;
  }
  return { text: chars.join(''), offsets, ends };
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/** A function that finds sentences of one source file. */
export function regionFinder(source: string, html: boolean): (sentence: string) => SourceRegion | undefined {
  const visible = visibleText(source, html);
  const starts = lineStarts(source);
  return (sentence) => {
    const needle = sentence.replace(/\s+/g, ' ').trim();
    if (needle.length === 0) return undefined;
    let at = visible.text.indexOf(needle);
    let length = needle.length;
    // Loaders may join list markers or trim quotes: a long prefix still places the sentence.
    if (at < 0 && needle.length > 40) {
      at = visible.text.indexOf(needle.slice(0, 40));
      length = 40;
    }
    if (at < 0) return undefined;
    const start = position(starts, visible.offsets[at] as number);
    const end = position(starts, visible.ends[at + length - 1] as number);
    return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  };
}

/** The extraction with a source region on every evidence sentence found in `source`. */
export function withSourceRegions(policy: PolicyExtraction, source: string, html: boolean): PolicyExtraction {
  const find = regionFinder(source, html);
  const cache = new Map<string, SourceRegion | undefined>();
  const place = (e: Evidence): Evidence => {
    if (!cache.has(e.text)) cache.set(e.text, find(e.text));
    const region = cache.get(e.text);
    return region ? { ...e, region } : e;
  };
  return {
    ...policy,
    practices: policy.practices.map((p) => ({ ...p, evidence: place(p.evidence) })),
    notice: policy.notice.map((n) => ({ ...n, evidence: place(n.evidence) })),
  };
}
