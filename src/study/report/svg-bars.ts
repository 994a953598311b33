/**
 * A horizontal bar chart as inline SVG: one item per row, its label above its bar (so the chart
 * stays narrow enough for a phone without shrinking the text), each bar made of coloured parts (by
 * CSS class), the total written after it. Labels are clipped; the full text is in their titles.
 */
import { clip, esc } from '../../report/html/escape.js';

export interface Bar {
  label: string;
  parts: { value: number; className: string; title: string }[];
}

const BAR_W = 300;
const WIDTH = 360;
const ROW = 36;

export function barChart(id: string, title: string, bars: Bar[]): string {
  const max = Math.max(1, ...bars.map((b) => b.parts.reduce((n, p) => n + p.value, 0)));
  const height = bars.length * ROW + 6;
  const out = [`<svg class="bars" id="${esc(id)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${esc(id)}-title">`,
    `<title id="${esc(id)}-title">${esc(title)}</title>`];
  bars.forEach((bar, i) => {
    const y = i * ROW + 2;
    out.push(`<text class="bar-label" x="0" y="${y + 12}"><title>${esc(bar.label)}</title>${esc(clip(bar.label, 48))}</text>`);
    let x = 0;
    for (const part of bar.parts) {
      if (part.value <= 0) continue;
      const w = (part.value / max) * BAR_W;
      out.push(`<rect class="${esc(part.className)}" x="${x.toFixed(1)}" y="${y + 17}" width="${w.toFixed(1)}" height="14" rx="3"><title>${esc(part.title)}</title></rect>`);
      x += w;
    }
    const total = bar.parts.reduce((n, p) => n + p.value, 0);
    out.push(`<text class="bar-value" x="${(x + 6).toFixed(1)}" y="${y + 29}">${total}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
