/**
 * The one shared vocabulary (data/ontology.json): data types with parents, recipient categories,
 * actions, disclosure classes and notice elements, each with English and Chinese surface forms.
 * The policy side (extract) and the traffic side (observe) both map to these ids.
 */
import { readDataFile } from './data-file.js';

export interface Terms {
  en: string[];
  zh: string[];
}

export interface DataTypeEntry {
  id: string;
  parent: string | null;
  vague?: boolean;
  sensitive?: boolean;
  terms: Terms;
  keys?: string[];
}

export interface RecipientEntry {
  id: string;
  parent: string | null;
  vague?: boolean;
  terms: Terms;
}

export interface ActionEntry {
  id: string;
  terms: Terms;
}

export interface TitledEntry {
  id: string;
  title: { en: string; zh: string };
}

export interface NoticeElementEntry extends TitledEntry {
  cues: Terms;
}

export interface OntologyFile {
  version: number;
  dataTypes: DataTypeEntry[];
  recipients: RecipientEntry[];
  actions: ActionEntry[];
  disclosureClasses: TitledEntry[];
  noticeElements: NoticeElementEntry[];
}

export class Ontology {
  readonly dataTypes = new Map<string, DataTypeEntry>();
  readonly recipients = new Map<string, RecipientEntry>();
  readonly noticeElements = new Map<string, NoticeElementEntry>();

  constructor(readonly file: OntologyFile) {
    for (const d of file.dataTypes) this.dataTypes.set(d.id, d);
    for (const r of file.recipients) this.recipients.set(r.id, r);
    for (const n of file.noticeElements) this.noticeElements.set(n.id, n);
  }

  /** The data type and its ancestors, nearest first: imei → [imei, device_id, personal_info]. */
  dataTypeLineage(id: string): string[] {
    return lineage(id, this.dataTypes);
  }

  /** The recipient category and its ancestors, nearest first: advertiser → [advertiser, third_party]. */
  recipientLineage(id: string): string[] {
    return lineage(id, this.recipients);
  }

  /** True when `ancestor` is `id` or one of its ancestors. */
  dataTypeCovers(ancestor: string, id: string): boolean {
    return this.dataTypeLineage(id).includes(ancestor);
  }

  isSensitive(id: string): boolean {
    return this.dataTypeLineage(id).some((t) => this.dataTypes.get(t)?.sensitive === true);
  }

  dataTypeTitle(id: string, lang: 'en' | 'zh' = 'en'): string {
    const entry = this.dataTypes.get(id);
    const term = entry?.terms[lang][0];
    return term ?? id;
  }

  noticeTitle(id: string, lang: 'en' | 'zh' = 'en'): string {
    return this.noticeElements.get(id)?.title[lang] ?? id;
  }
}

function lineage<T extends { parent: string | null }>(id: string, table: Map<string, T>): string[] {
  const out: string[] = [];
  let current: string | null = id;
  // The ontology is a tree; the guard stops a cycle introduced by a bad edit of the data file.
  while (current !== null && !out.includes(current)) {
    out.push(current);
    current = table.get(current)?.parent ?? null;
  }
  return out;
}

let shared: Ontology | undefined;

/** The ontology of data/ontology.json, read once. */
export function ontology(): Ontology {
  shared ??= new Ontology(readDataFile<OntologyFile>('data', 'ontology.json'));
  return shared;
}
