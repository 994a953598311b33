/**
 * Installed-app lists: several Android/iOS package names side by side (a JSON array, or one value
 * joined by commas). Under an app-list key two suffice; unkeyed it takes five.
 */
import type { Field, FlowDetector } from '../detector.js';
import { pathHinted } from '../hints.js';
import type { Hit } from './hit.js';

const PACKAGE = /^(com|cn|org|net|io|me|tv|de|jp|kr|uk|fr|ru|us|in|co|app|air|so|im|top|xyz)\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$/;
/** Stack frames and class names (`com.x.Foo.bar`) look like package names: skip their keys and shapes. */
const CODE_KEYS = /^(method|class|classname|file|filename|module|frame|symbol|function|type|errorclass|exception)$/;

/** Items of one joined value looked at; a phone has a few hundred apps. */
const MAX_ITEMS = 10_000;

function packageName(value: string): boolean {
  if (!PACKAGE.test(value)) return false;
  const segments = value.split('.');
  return segments.length <= 6 && !segments.slice(0, -1).some((s) => /^[A-Z]/.test(s));
}

/** The list a field belongs to: its location without the trailing index, or the field itself for a joined value. */
function listOf(where: string): string {
  return where.replace(/\[\d+\](\.[^.[\]]+)?$/, '');
}

function add(groups: Map<string, { field: Field; names: Set<string> }>, group: string, field: Field, name: string): void {
  let g = groups.get(group);
  if (!g) groups.set(group, (g = { field, names: new Set() }));
  g.names.add(name);
}

function detect(fields: Field[]): Hit[] {
  const groups = new Map<string, { field: Field; names: Set<string> }>();
  for (const f of fields) {
    // Every package name and list of them has a dot: most fields end here.
    if (f.container || !f.value.includes('.') || CODE_KEYS.test(f.key)) continue;
    const value = f.value.trim();
    if (packageName(value)) add(groups, listOf(f.where), f, value);
    else if (value.includes('.') && /[,;|]/.test(value)) {
      // Bare separator then trim (a regex split with \s* is slow on megabytes of separators); the first
      // MAX_ITEMS items only, each distinct one tested once: a hostile 5 MB list costs milliseconds.
      const names = [...new Set(value.split(/[,;|]/, MAX_ITEMS).map((n) => n.trim()))].filter(packageName);
      for (const n of names) add(groups, f.where, f, n);
    }
  }
  const out: Hit[] = [];
  for (const [where, g] of groups) {
    const keyed = pathHinted(where, 'installed_apps');
    if (g.names.size >= (keyed ? 2 : 5)) {
      const value = [...g.names].slice(0, 5).join(',') + (g.names.size > 5 ? `,… (${g.names.size})` : '');
      out.push({ dataType: 'installed_apps', where, encoding: g.field.encoding, confidence: keyed ? 0.9 : 0.7, value });
    }
  }
  return out;
}

export const installedApps: FlowDetector = { id: 'installed-apps', dataTypes: ['installed_apps'], detect };
