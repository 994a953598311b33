/**
 * The two languages of a run, kept apart: the policy's (detected from its text; --policy-lang may
 * override it) and the report's (--report-lang; by default the policy's, or the system's for a
 * bilingual policy or a command with no policy). `--lang` is the old single option: it now only
 * names the report's language, with a warning.
 */
import { UsageError } from '../errors.js';

export type Language = 'en' | 'zh';
export const LANGUAGES: readonly Language[] = ['en', 'zh'];

/** The language of the user's locale (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them), when it is one we write. */
export function systemLanguage(env: NodeJS.ProcessEnv = process.env): Language | undefined {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const code = /^([a-z]{2,3})(?:[_.@-]|$)/i.exec(locale)?.[1]?.toLowerCase();
  return code === 'zh' || code === 'en' ? code : undefined;
}

/**
 * The report language: the one asked for, else the policy's own, except that a bilingual policy
 * (a large share of both languages) leaves the choice to the system locale.
 */
export function reportLanguage(asked: Language | undefined, policy: { language: Language; mixed?: boolean }, env: NodeJS.ProcessEnv = process.env): Language {
  if (asked) return asked;
  if (policy.mixed) return systemLanguage(env) ?? policy.language;
  return policy.language;
}

export interface LanguageOptions {
  reportLang?: Language;
  policyLang?: Language;
  lang?: Language;
}

/**
 * Resolves `--lang` (deprecated) against `--report-lang`, warning once. Both at once must agree:
 * silently preferring one would hide a mistake.
 */
export function askedReportLanguage(opts: LanguageOptions, warn: (message: string) => void): Language | undefined {
  if (opts.lang === undefined) return opts.reportLang;
  if (opts.reportLang !== undefined && opts.reportLang !== opts.lang) {
    throw new UsageError(`--lang ${opts.lang} and --report-lang ${opts.reportLang} disagree (--lang is the old name of --report-lang)`);
  }
  warn(`--lang is deprecated: it sets only the report's language now, as --report-lang ${opts.lang} does; the policy's language is detected (override it with --policy-lang)`);
  return opts.lang;
}
