/**
 * Coordinates: a latitude or longitude under a location key, or a "lat,lon" pair. Three or more
 * decimals (about 100 m or better) is a precise location, fewer a coarse one.
 */
import type { Detector, Field } from '../detector.js';
import { hinted, keyTokens } from '../hints.js';
import { decimals } from '../checks.js';
import { hit, type Hit } from './hit.js';

const NUMBER = /^-?\d{1,3}\.\d+$/;
const PAIR = /^(-?\d{1,2}\.\d+)\s*[,;| ]\s*(-?\d{1,3}\.\d+)$/;
const LAT_WORDS = new Set(['lat', 'latitude', 'y']);
const LON_WORDS = new Set(['lng', 'lon', 'long', 'longitude', 'x']);

function axis(field: Field): 'lat' | 'lon' | undefined {
  const tokens = keyTokens(field.key);
  if (tokens.some((t) => LAT_WORDS.has(t)) || /latitude$/.test(field.key)) return 'lat';
  if (tokens.some((t) => LON_WORDS.has(t)) || /longitude$/.test(field.key)) return 'lon';
  return undefined;
}

function precision(places: number): string {
  return places >= 3 ? 'precise_location' : 'coarse_location';
}

function detect(field: Field): Hit[] {
  const value = field.value.trim();
  const keyed = hinted(field, 'precise_location') || hinted(field, 'coarse_location') || /^(loc|location|latlng|latlon|ll|coord|coords|coordinates|geo|position|gps)$/.test(field.key);
  const pair = PAIR.exec(value);
  if (pair) {
    const lat = Number(pair[1]);
    const lon = Number(pair[2]);
    const places = Math.min(decimals(pair[1]!), decimals(pair[2]!));
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return [];
    if (keyed && places >= 1) return [hit(precision(places), field, value, 0.9)];
    // Unkeyed, only a pair with the precision of a GPS fix (prices have two decimals), and not two
    // fractions below 1 (normalised screen or crop coordinates; a real fix there is in the ocean).
    if (places >= 5 && (Math.abs(lat) >= 1 || Math.abs(lon) >= 1)) return [hit('precise_location', field, value, 0.7)];
    return [];
  }
  if (!NUMBER.test(value)) return [];
  const which = keyed ? axis(field) : undefined;
  if (!which) return [];
  const n = Number(value);
  if (n === 0 || Math.abs(n) > (which === 'lat' ? 90 : 180)) return [];
  const places = decimals(value);
  if (places < 1) return [];
  return [hit(precision(places), field, value, places >= 3 ? 0.85 : 0.7)];
}

export const location: Detector = { id: 'location', dataTypes: ['precise_location', 'coarse_location'], detect };
