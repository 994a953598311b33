/**
 * The report's stylesheet and filter script (data/report-html/), inlined into every HTML report,
 * and the Content-Security-Policy that allows exactly these two inline blocks and nothing remote.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { packagePath } from '../../vocab/data-file.js';

export interface HtmlAssets {
  css: string;
  js: string;
  /** Value for the CSP meta element. */
  csp: string;
}

let cached: HtmlAssets | undefined;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export function htmlAssets(): HtmlAssets {
  if (cached) return cached;
  const css = readFileSync(packagePath('data', 'report-html', 'report.css'), 'utf8');
  const js = readFileSync(packagePath('data', 'report-html', 'filters.js'), 'utf8');
  // The script's text never contains `</`: it is inlined verbatim, so a closing tag would end it early.
  if (js.includes('</') || css.includes('</')) throw new Error('report asset must not contain "</"');
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(js)}`,
    `style-src ${sha256(css)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  cached = { css, js, csp };
  return cached;
}
