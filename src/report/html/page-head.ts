/** The head of every standalone privdiff page (app report, study report): CSP, no referrer, viewport, inlined styles. */
import { esc } from './escape.js';

export function pageHead(options: { lang: 'en' | 'zh'; csp: string; title: string; styles: string[] }): string[] {
  return [
    '<!DOCTYPE html>',
    `<html lang="${options.lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(options.csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(options.title)}</title>`,
    ...options.styles.map((css) => `<style>${css}</style>`),
    '</head>',
  ];
}
