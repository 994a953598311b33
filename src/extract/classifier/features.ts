/** Feature extraction per language; the scheme id is stored in a model so a model is only read with the features it was trained on. */
import type { PolicyLanguage } from '../../model/practice.js';
import { featuresEn } from './features-en.js';
import { featuresZh } from './features-zh.js';

export const FEATURE_SCHEME: Record<PolicyLanguage, string> = { en: 'en-stem-uni-bi-lex-2', zh: 'zh-char-bi-lex-3' };

/** Distinct feature names of a text, in first-seen order (deterministic). */
export function featuresOf(text: string, lang: PolicyLanguage): string[] {
  return lang === 'zh' ? featuresZh(text) : featuresEn(text);
}
