/** Options of loadPolicy, and their defaults in one place. */
export interface LoadOptions {
  /** Read the policy as this language (it is still detected, to warn when the text disagrees). */
  lang?: 'en' | 'zh';
  /** Time limit for fetching a URL, all redirects included. */
  timeoutMs?: number;
  /** Largest document accepted, in bytes (files and downloads). */
  maxBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
