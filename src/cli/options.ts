/** Parsing and checking of option values shared by the commands. */
import { readFileSync } from 'node:fs';
import { fileErrorReason, UsageError } from '../errors.js';
import type { GapOptions } from '../judge/gaps.js';

export const FORMATS = ['json', 'md', 'html', 'sarif'] as const;
export const FAIL_LEVELS = ['high', 'medium', 'low', 'info', 'none'] as const;

export function list(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

export function oneOf<T extends string>(name: string, allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new UsageError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    }
    return value as T;
  };
}

/** --jobs: worker threads for detection, 0 (all on the main thread) to 64. */
export function jobs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 64) throw new UsageError(`--jobs takes a number of worker threads from 0 to 64 (got "${value}")`);
  return Number(value);
}

/** --consent-at: an ISO 8601 time, or the index of the first flow after consent. */
export function consentAt(value: string): NonNullable<GapOptions['consentAt']> {
  if (/^\d+$/.test(value)) return { flow: Number(value) };
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`--consent-at takes an ISO 8601 time or a flow index (got "${value}")`);
  return { time: new Date(time).toISOString() };
}

export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: ${fileErrorReason(error) ?? (error as Error).message}`);
  }
}
