import type { Formatter } from './model.js';

export const json: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`;
