import type { Formatter } from './model.js';
import { jsonVisible } from './text-safety.js';

/** The report record as JSON; bidi and invisible characters are written as \\u escapes (same value, visible in the file). */
export const json: Formatter = (report) => `${jsonVisible(JSON.stringify(report, null, 2))}\n`;
