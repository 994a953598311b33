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

/** A number of worker threads, 0 (all on the main thread) to 64. */
function threadCount(option: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) > 64) throw new UsageError(`${option} takes a number of worker threads from 0 to 64 (got "${value}")`);
    return Number(value);
  };
}

/** --jobs: worker threads for detection. */
export const jobs = threadCount('--jobs');
/** --reassembly-jobs: worker threads for TCP reassembly and HTTP parsing in packet captures. */
export const reassemblyJobs = threadCount('--reassembly-jobs');

/** An ISO 8601 date-time with its zone (Z or ±hh:mm): without one, the moment depends on the machine's clock settings. */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** --consent-at: an ISO 8601 time with its zone, or the index of the first flow after consent (0, 1, 2, …). */
export function consentAt(value: string): NonNullable<GapOptions['consentAt']> {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const flow = Number(text);
    if (!Number.isSafeInteger(flow)) throw new UsageError(`--consent-at: flow index ${text} is too large`);
    return { flow };
  }
  if (/^[+-]?\d*\.?\d+$/.test(text)) throw new UsageError(`--consent-at takes a flow index (0, 1, 2, …) or an ISO 8601 time with a zone; "${value}" is neither`);
  if (!ZONED_TIME.test(text)) {
    const hint = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text) ? ' (add the zone: Z for UTC, or an offset such as +08:00)' : '';
    throw new UsageError(`--consent-at takes an ISO 8601 time with a zone, such as 2026-03-02T08:15:00Z, or a flow index (got "${value}")${hint}`);
  }
  const time = Date.parse(text.replace(' ', 'T'));
  if (Number.isNaN(time)) throw new UsageError(`--consent-at: "${value}" is not a valid time`);
  return { time: new Date(time).toISOString() };
}

/** A comma-separated option that must name at least one item (`--jurisdiction ''` is a mistake, not "all"). */
export function nonEmptyList(option: string, example: string) {
  return (value: string, previous: string[] = []): string[] => {
    const items = list(value);
    if (items.length === 0) throw new UsageError(`${option} needs at least one value, e.g. ${option} ${example} (got "${value}")`);
    return [...previous, ...items];
  };
}

export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: ${fileErrorReason(error) ?? (error as Error).message}`);
  }
}
