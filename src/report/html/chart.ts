/**
 * Inline SVG matrix: data types (rows) by recipient host (columns). A cell shows how many flows carried
 * that data type to that recipient; its colour (CSS class d-<class>) is the disclosure class.
 */
import type { Observation } from '../../model/finding.js';
import type { labels } from '../labels.js';
import { clip, esc } from './escape.js';

type Labels = ReturnType<typeof labels>;

const LABEL_W = 250;
const CELL = 40;
const HEAD_H = 120;
const PAD_RIGHT = 110;

function recipientName(o: Observation): string {
  return o.recipient.organization ? `${o.recipient.host} (${o.recipient.organization})` : o.recipient.host;
}

export function chartSvg(observations: Observation[], L: Labels): string {
  const rows = [...new Set(observations.map((o) => o.dataType))];
  const cols = [...new Set(observations.map((o) => o.recipient.host))];
  const colTitle = new Map(observations.map((o) => [o.recipient.host, recipientName(o)]));
  const width = LABEL_W + cols.length * CELL + PAD_RIGHT;
  const height = HEAD_H + rows.length * CELL + 8;
  const out: string[] = [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${esc(L.t('chartTitle'))}</title>`,
  ];
  cols.forEach((host, c) => {
    const x = LABEL_W + c * CELL + CELL / 2;
    out.push(`<text class="col-label" transform="translate(${x + 4} ${HEAD_H - 6}) rotate(-40)"><title>${esc(colTitle.get(host) ?? host)}</title>${esc(clip(host, 22))}</text>`);
  });
  rows.forEach((dataType, r) => {
    const y = HEAD_H + r * CELL;
    out.push(`<text class="row-label" x="${LABEL_W - 8}" y="${y + CELL / 2 + 4}" text-anchor="end">${esc(clip(L.dataType(dataType), 36))}</text>`);
    cols.forEach((host, c) => {
      const o = observations.find((x) => x.dataType === dataType && x.recipient.host === host);
      const x = LABEL_W + c * CELL;
      if (!o) {
        out.push(`<rect class="cell-empty" x="${x + 2}" y="${y + 2}" width="${CELL - 4}" height="${CELL - 4}" rx="4"/>`);
        return;
      }
      const tip = `${L.dataType(dataType)} → ${recipientName(o)}: ${L.disclosure(o.disclosure)}, ${o.flowCount} ${L.t('flows')}`;
      out.push(
        `<g class="cell"><title>${esc(tip)}</title>` +
          `<rect class="d-${esc(o.disclosure)}" x="${x + 2}" y="${y + 2}" width="${CELL - 4}" height="${CELL - 4}" rx="4"/>` +
          `<text class="cell-count" x="${x + CELL / 2}" y="${y + CELL / 2 + 4}" text-anchor="middle">${o.flowCount}</text></g>`,
      );
    });
  });
  out.push('</svg>');
  return out.join('\n');
}
