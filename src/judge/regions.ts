/** Regions (--region, and a policy's data-location statements) as sets of countries: data/regions.json. */
import { readDataFile } from '../vocab/data-file.js';

interface RegionsFile {
  regions: Record<string, string[]>;
  aliases: Record<string, string>;
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
  return id in regions().regions || /^[A-Z]{2}$/.test(id);
}

/** The countries of a region id or a plain ISO country code. */
export function countriesOf(region: string): string[] {
  const id = normaliseRegion(region);
  return regions().regions[id] ?? (/^[A-Z]{2}$/.test(id) ? [id] : []);
}

export function regionContains(region: string, country: string): boolean {
  return countriesOf(region).includes(country.toUpperCase());
}
