/** Reads a JSON data file shipped in the package's data/ or policies/ folder (works from src/ and dist/). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function packagePath(...parts: string[]): string {
  return path.join(packageRoot, ...parts);
}

export function readDataFile<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(packagePath(...parts), 'utf8')) as T;
}
