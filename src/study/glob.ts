/**
 * Capture paths in a manifest may be glob patterns: `*`, `?` and `[...]` match inside one path
 * segment (`captures/*.pcap`, `run-?/*.har`). Node 20 has no fs.glob; this covers what a manifest
 * needs and nothing more (no `**`, no braces).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

const MAGIC = /[*?[]/;

export function isGlob(pattern: string): boolean {
  return MAGIC.test(pattern);
}

function segmentRegExp(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        const body = segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Absolute paths matching `pattern` (absolute), sorted; dot files only when the pattern says so. */
export function expandGlob(pattern: string): string[] {
  const root = path.parse(pattern).root;
  const segments = pattern.slice(root.length).split(/[\\/]+/).filter(Boolean);
  let bases = [root];
  for (const segment of segments) {
    if (!isGlob(segment)) {
      bases = bases.map((b) => path.join(b, segment));
      continue;
    }
    const re = segmentRegExp(segment);
    const next: string[] = [];
    for (const base of bases) {
      let names: string[];
      try {
        names = readdirSync(base);
      } catch {
        continue; // a folder that does not exist matches nothing
      }
      for (const name of names.sort()) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (re.test(name)) next.push(path.join(base, name));
      }
    }
    bases = next;
  }
  return bases;
}
