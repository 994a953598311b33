import { readFileSync } from 'node:fs';
import { countHan } from './text-utils.js';

export interface LanguageGuess {
  language: 'en' | 'zh';
  /** Simplified or Traditional Chinese, when Chinese is present and tells them apart. */
  script?: 'Hans' | 'Hant';
  /** Both languages carry a large share of the text (a bilingual policy). */
  mixed: boolean;
}

interface ScriptData {
  simplified: string;
  traditional: string;
}

const scriptData = JSON.parse(readFileSync(new URL('../../data/load/han-script.json', import.meta.url), 'utf8')) as ScriptData;
const SIMPLIFIED = new Set(scriptData.simplified);
const TRADITIONAL = new Set(scriptData.traditional);

/** One English word carries about as much content as this many Han characters. */
const CHARS_PER_WORD = 1.5;
/** The smaller language must reach this share of the content to call a text mixed. */
const MIXED_SHARE = 0.2;

/** English or Chinese by content share (Han characters against Latin words), and Hans/Hant by character frequency. */
export function detectLanguage(text: string): LanguageGuess {
  const han = countHan(text);
  const words = text.match(/[A-Za-z]{2,}/gu)?.length ?? 0;
  const zh = han;
  const en = words * CHARS_PER_WORD;
  const total = zh + en;
  const language: 'en' | 'zh' = zh > en ? 'zh' : 'en';
  const mixed = total > 0 && Math.min(zh, en) / total >= MIXED_SHARE;
  const guess: LanguageGuess = { language, mixed };
  const script = detectScript(text);
  if (script && han > 0) guess.script = script;
  return guess;
}

/** Hans or Hant by counting characters that only one of the two scripts uses; undefined when neither shows. */
export function detectScript(text: string): 'Hans' | 'Hant' | undefined {
  let simplified = 0;
  let traditional = 0;
  for (const ch of text) {
    if (SIMPLIFIED.has(ch)) simplified += 1;
    else if (TRADITIONAL.has(ch)) traditional += 1;
  }
  if (simplified === 0 && traditional === 0) return undefined;
  return traditional > simplified ? 'Hant' : 'Hans';
}

/** The language's English name, for messages. */
export function languageName(language: 'en' | 'zh'): string {
  return language === 'zh' ? 'Chinese' : 'English';
}
