/** The value lexicons of data/detect/lexicons.json, read once and prepared for lookup. */
import { readDataFile } from '../../vocab/data-file.js';

interface LexiconFile {
  carriers: string[];
  carrierCodes: string[];
  carriersUnkeyed: string[];
  deviceMakers: string[];
  modelPatterns: string[];
  modelPatternsStrong: string[];
  notEmailTlds: string[];
}

export interface Lexicons {
  carriers: Set<string>;
  carrierCodes: Set<string>;
  carriersUnkeyed: Set<string>;
  deviceMakers: Set<string>;
  modelPatterns: RegExp[];
  modelPatternsStrong: RegExp[];
  notEmailTlds: Set<string>;
}

let cached: Lexicons | undefined;

const lower = (xs: string[]): Set<string> => new Set(xs.map((x) => x.toLowerCase()));

export function lexicons(): Lexicons {
  if (!cached) {
    const f = readDataFile<LexiconFile>('data', 'detect', 'lexicons.json');
    cached = {
      carriers: lower(f.carriers),
      carrierCodes: new Set(f.carrierCodes),
      carriersUnkeyed: lower(f.carriersUnkeyed),
      deviceMakers: lower(f.deviceMakers),
      modelPatterns: f.modelPatterns.map((p) => new RegExp(p)),
      modelPatternsStrong: f.modelPatternsStrong.map((p) => new RegExp(p)),
      notEmailTlds: lower(f.notEmailTlds),
    };
  }
  return cached;
}
