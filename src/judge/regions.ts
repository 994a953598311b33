/** Regions (--region, and a policy's data-location statements) as sets of countries: data/regions.json. */
import { readDataFile } from '../vocab/data-file.js';

interface RegionsFile {
  regions: Record<string, string[]>;
  aliases: Record<string, string>;
  /** Names that could mean more than one region: refused, with the regions they could mean. */
  ambiguous: Record<string, string[]>;
  /** ISO 3166-1 alpha-2 codes accepted as a one-country region. */
  countries: string[];
}

let file: RegionsFile | undefined;

function regions(): RegionsFile {
  file ??= readDataFile<RegionsFile>('data', 'regions.json');
  return file;
}

export function normaliseRegion(name: string): string {
  const upper = name.trim().toUpperCase();
  return regions().aliases[upper] ?? upper;
}

export function isKnownRegion(name: string): boolean {
  const id = normaliseRegion(name);
  return id in regions().regions || regions().countries.includes(id);
}

/** The named regions (EU, EEA, CN, …), without the plain country codes. */
export function regionNames(): string[] {
  return Object.keys(regions().regions);
}

/** The regions an ambiguous name could mean ("Europe": EU or EEA), or undefined. */
export function ambiguousRegion(name: string): string[] | undefined {
  return regions().ambiguous[name.trim().toUpperCase()];
}

/** The countries of a region id or a plain ISO country code. */
export function countriesOf(region: string): string[] {
  const id = normaliseRegion(region);
  return regions().regions[id] ?? (regions().countries.includes(id) ? [id] : []);
}

export function regionContains(region: string, country: string): boolean {
  return countriesOf(region).includes(country.toUpperCase());
}
