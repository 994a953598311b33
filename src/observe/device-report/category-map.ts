/** The category maps of data/device-report-categories.json, read once. */
import { readDataFile } from '../../vocab/data-file.js';

interface CategoryMaps {
  iosAccess: Record<string, string>;
  trackerCategories: Record<string, string>;
}

let maps: CategoryMaps | undefined;

function load(): CategoryMaps {
  maps ??= readDataFile<CategoryMaps>('data', 'device-report-categories.json');
  return maps;
}

/** Ontology data type of an iOS App Privacy Report access category; undefined when unknown. */
export function iosAccessDataType(category: string): string | undefined {
  return Object.hasOwn(load().iosAccess, category) ? load().iosAccess[category] : undefined;
}

/** Ontology recipient category of a TrackerControl tracker category; undefined when none is implied. */
export function trackerRecipientCategory(category: string): string | undefined {
  const id = Object.hasOwn(load().trackerCategories, category) ? load().trackerCategories[category] : undefined;
  return id ? id : undefined;
}
