import type { Formatter } from './model.js';
import { jsonVisible, wellFormedDeep } from './text-safety.js';

/** The report record as JSON; bidi and invisible characters are written as \\u escapes (same value, visible in the file); lone surrogates become U+FFFD. */
export const json: Formatter = (report) => `${jsonVisible(JSON.stringify(wellFormedDeep(report), null, 2))}\n`;
