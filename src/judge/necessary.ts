/**
 * Necessary personal information by app type (China, 2021 rules on 39 common app types):
 * first-party collection of a data type outside the app type's necessary set is a
 * `beyond_necessary` gap. The table is data/app-categories.json.
 */
import { UsageError } from '../errors.js';
import type { Flow } from '../model/flow.js';
import type { Gap, Observation } from '../model/finding.js';
import { readDataFile } from '../vocab/data-file.js';
import { ontology } from '../vocab/ontology.js';
import { flowEvidence } from './gaps.js';

export interface NecessaryItem {
  zh: string;
  en: string;
  /** Ontology data-type ids the item covers; empty when none fits (see note). */
  dataTypes: string[];
  note?: string;
}

export interface AppCategory {
  id: string;
  zh: string;
  en: string;
  article: string;
  articleZh: string;
  basicService: { zh: string; en: string };
  items: NecessaryItem[];
}

interface AppCategoriesFile {
  categories: AppCategory[];
}

let table: AppCategory[] | undefined;

function categories(): AppCategory[] {
  table ??= readDataFile<AppCategoriesFile>('data', 'app-categories.json').categories;
  return table;
}

/** The app types for --app-category help, in the order of the rules' Art. 5. */
export function appCategories(): { id: string; zh: string; en: string }[] {
  return categories().map(({ id, zh, en }) => ({ id, zh, en }));
}

/** One app type by id; an unknown id is the user's mistake (--app-category). */
export function appCategory(id: string): AppCategory {
  const found = categories().find((c) => c.id === id.trim().toLowerCase());
  if (!found) {
    throw new UsageError(`unknown app category "${id}" (known: ${categories().map((c) => c.id).join(', ')})`);
  }
  return found;
}

/** The ontology ids necessary for an app type (union of its items). */
export function necessaryDataTypes(id: string): string[] {
  return [...new Set(appCategory(id).items.flatMap((item) => item.dataTypes))];
}

/** Inside the necessary set when the type or one of its ancestors is listed (imei is not, phone_number under contact_info is). */
export function isNecessary(dataType: string, necessary: string[]): boolean {
  const lineage = ontology().dataTypeLineage(dataType);
  return necessary.some((n) => lineage.includes(n));
}

/**
 * `beyond_necessary` gaps: one per first-party observation whose data type is outside the app
 * type's necessary set. Third-party flows are judged by the sharing rules instead.
 */
export function necessaryGaps(observations: Observation[], flows: Flow[], appCategoryId: string): Gap[] {
  const category = appCategory(appCategoryId);
  const necessary = necessaryDataTypes(category.id);
  const byIndex = new Map(flows.map((f) => [f.index, f]));
  const gaps: Gap[] = [];
  for (const obs of observations) {
    if (obs.recipient.party !== 'first' || isNecessary(obs.dataType, necessary)) continue;
    const evidence = obs.flows
      .map((i) => byIndex.get(i))
      .filter((f): f is Flow => f !== undefined)
      .map((f) => flowEvidence(f, obs.dataType));
    gaps.push({
      kind: 'beyond_necessary', dataType: obs.dataType, recipient: obs.recipient,
      flows: evidence, policy: obs.policy, ...(obs.hosts ? { hosts: obs.hosts } : {}),
      facts: { party: 'first', appCategory: category.id, ontologySensitive: ontology().isSensitive(obs.dataType) },
    });
  }
  return gaps;
}
