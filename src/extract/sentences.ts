/** Sentence splitting for either language. */
import type { PolicyLanguage } from '../model/practice.js';
import { splitEnglish } from './sentences-en.js';
import { splitChinese } from './sentences-zh.js';

export function splitSentences(text: string, lang: PolicyLanguage): string[] {
  return lang === 'zh' ? splitChinese(text) : splitEnglish(text);
}
