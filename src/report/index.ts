/** Stage 6, report: the report record and its formatters, one file each (like ESLint's formatters). */
import { json } from './json.js';
import { markdown } from './markdown.js';
import { html } from './html/index.js';
import { sarif } from './sarif.js';
import type { Formatter } from './model.js';

export { buildReport, type BuildInput } from './build.js';
export { maskValue, maskIn, maskMessage } from './mask.js';
export type { Report, Formatter } from './model.js';
export { verdictLine } from './markdown.js';

export const formatters: Record<string, Formatter> = {
  json,
  md: markdown,
  html,
  sarif,
};
