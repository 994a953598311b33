/**
 * Names an English policy defines for its data: 'Personally Identifiable Information ("PII")',
 * 'your phone's model, operating system and carrier (collectively, "Device Data")'. Later sentences
 * use the name alone ("We share Device Data with …"); it means the data it was defined for.
 */
import { ontology } from '../vocab/ontology.js';
import { lexicon, type PhraseTable } from './lexicon.js';
import { findTable, type Mention } from './match.js';
import { normalise } from './scan.js';

// ( "Name" ), (collectively, "Name"), (together, the "Name"), (hereinafter "Name"), (referred to as "Name")
const DEFINITION = /\(\s*(?:(?:collectively|together|jointly|hereinafter|hereafter|referred to as|also called|called|the)\s*,?\s*)*(?:the\s+)?["“']([^"”'()]{2,40})["”']\s*\)/g;

/**
 * The names a sentence defines, each with the data type it stands for: the data named right before
 * the parenthesis, or the nearest type covering all the data named in the same list.
 */
export function definedDataNames(text: string, lower: string, data: Mention[]): [string, string][] {
  const out: [string, string][] = [];
  const generic = new Set(lexicon('en').cues.genericData);
  for (const m of lower.matchAll(DEFINITION)) {
    const name = m[1]!.trim();
    // A defined name is capitalised ("PII", "Device Data"); one that is a data term already, or a
    // bare "information", needs no entry.
    const at = m.index + m[0].indexOf(m[1]!) + (m[1]!.length - m[1]!.trimStart().length);
    if (name.length < 2 || !/[A-Z]/.test(text[at] ?? '') || generic.has(name) || NOT_DATA_NAME.test(name) || data.some((d) => d.term === name)) continue;
    const before = data.filter((d) => d.end <= m.index && m.index - d.end <= 80 && !/[.;]/.test(lower.slice(d.end, m.index)));
    // The name follows the data at once ('European Economic Area ("EEA")' names a place, whatever data came before it).
    if (before.length === 0 || !/^[\s,]*$/.test(lower.slice(before[before.length - 1]!.end, m.index)) || name.split(/\s+/).length > 4) continue;
    // "(collectively, …)" covers the list before it; a bare "(…)" names the phrase right before.
    const collective = /^\(\s*(?:collectively|together|jointly)/.test(m[0]);
    const named = collective ? listBefore(lower, before, m.index) : [before[before.length - 1]!];
    const id = commonType(named.map((d) => d.id));
    if (id) out.push([name, id]);
  }
  return out;
}

/** The data mentions of the list that ends at `end` (items joined by commas, and, or). */
function listBefore(lower: string, before: Mention[], end: number): Mention[] {
  const out: Mention[] = [];
  let bound = end;
  for (let i = before.length - 1; i >= 0; i--) {
    const d = before[i]!;
    if (out.length > 0 && !/^[\s,]*(?:(?:and|or|as well as)\s+)?(?:[a-z'-]+\s+){0,3}$/.test(lower.slice(d.end, bound))) break;
    out.push(d);
    bound = d.start;
  }
  return out;
}

/** The nearest data type covering every id (personal_info at worst). */
function commonType(ids: string[]): string | undefined {
  if (ids.length === 0) return undefined;
  const onto = ontology();
  const first = onto.dataTypeLineage(ids[0]!);
  return first.find((candidate) => ids.every((id) => onto.dataTypeCovers(candidate, id)));
}

/** Names of the service, its parts or the company ('… applications (collectively, the "SIDEARM Services")'). */
const NOT_DATA_NAME = /\b(?:services?|sites?|web ?sites?|apps?|applications?|platforms?|products?|company|group|network|software|terms|policy|agreement)$/;

const MAY_DEFINE = /\(\s*(?:collectively|together|jointly|hereinafter|hereafter|referred|also called|called|the\b|["“'])/i;

/** The data names an English sentence defines (a cheap test first: most sentences define none). */
export function definitionsIn(sentence: string): [string, string][] {
  if (!MAY_DEFINE.test(sentence)) return [];
  const lower = normalise(sentence);
  return definedDataNames(sentence, lower, findTable(lower, lexicon('en').dataTypes, 'en'));
}

/** A new table holding the names defined so far and the ones just found (a fresh table keeps the matcher's cache right). */
export function withDefinitions(table: PhraseTable | undefined, found: [string, string][]): PhraseTable | undefined {
  if (found.length === 0) return table;
  const next: PhraseTable = new Map(table ?? []);
  for (const [name, id] of found) next.set(name, id);
  return next;
}
