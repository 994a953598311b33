/**
 * The study page's styles: the app report's stylesheet (shared, not copied) followed by the few
 * rules the study page adds (data/report-html/study.css). No script: the page needs none. The
 * Content-Security-Policy allows exactly these two inline style blocks and nothing remote.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { htmlAssets } from '../../report/html/assets.js';
import { packagePath } from '../../vocab/data-file.js';

export interface StudyAssets {
  styles: string[];
  csp: string;
}

let cached: StudyAssets | undefined;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function studyAssets(): StudyAssets {
  if (cached) return cached;
  const study = readFileSync(packagePath('data', 'report-html', 'study.css'), 'utf8');
  if (study.includes('</')) throw new Error('study.css must not contain "</"');
  const styles = [htmlAssets().css, study];
  const csp = ["default-src 'none'", "script-src 'none'", `style-src ${styles.map(sha256).join(' ')}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  cached = { styles, csp };
  return cached;
}
