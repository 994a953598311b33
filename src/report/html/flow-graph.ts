/**
 * Inline SVG data-flow view: app → domains → organisations → countries, built from the observations.
 * Line width grows with the number of flows; line colour is the worst disclosure class on that link.
 */
import type { DisclosureClass, Observation } from '../../model/finding.js';
import type { labels } from '../labels.js';
import { worst } from './disclosure.js';
import { clip, esc } from './escape.js';

type Labels = ReturnType<typeof labels>;

const COL_X = [16, 236, 476, 716];
const NODE_W = 176;
const NODE_H = 28;
const GAP = 42;
const TOP = 40;
const WIDTH = 910;

interface Link {
  from: string;
  to: string;
  flows: Set<number>;
  classes: Set<DisclosureClass>;
}

function countryName(code: string | undefined, lang: 'en' | 'zh', L: Labels): string {
  if (!code) return L.t('unknownCountry');
  try {
    const name = new Intl.DisplayNames([lang === 'zh' ? 'zh-Hans' : 'en'], { type: 'region' }).of(code);
    return name && name !== code ? `${code} · ${name}` : code;
  } catch {
    return code; // not a region code Intl knows (e.g. a private-range marker): show it as given
  }
}

export function flowGraphSvg(observations: Observation[], lang: 'en' | 'zh', L: Labels): string {
  const columns: string[][] = [[L.t('app')], [], [], []];
  const links = new Map<string, Link>();
  const add = (col: number, name: string) => {
    const list = columns[col] as string[];
    if (!list.includes(name)) list.push(name);
  };
  const link = (from: string, to: string, o: Observation) => {
    const key = `${from}\u0000${to}`;
    const l = links.get(key) ?? { from, to, flows: new Set<number>(), classes: new Set<DisclosureClass>() };
    for (const f of o.flows) l.flows.add(f);
    l.classes.add(o.disclosure);
    links.set(key, l);
  };
  for (const o of observations) {
    const r = o.recipient;
    const org = r.organization ?? (r.party === 'first' ? L.t('firstPartyOrg') : L.t('unknownOrg'));
    const nodes = [`0:${L.t('app')}`, `1:${r.domain}`, `2:${org}`, `3:${countryName(r.country, lang, L)}`];
    nodes.slice(1).forEach((n, i) => add(i + 1, n.slice(2)));
    for (let i = 0; i < 3; i++) link(nodes[i] as string, nodes[i + 1] as string, o);
  }
  const rows = Math.max(...columns.map((c) => c.length));
  const height = TOP + rows * GAP + 8;
  const pos = (id: string): { x: number; y: number } => {
    const col = Number(id.slice(0, 1));
    const list = columns[col] as string[];
    const offset = ((rows - list.length) * GAP) / 2;
    return { x: COL_X[col] as number, y: TOP + offset + list.indexOf(id.slice(2)) * GAP };
  };
  const out: string[] = [
    `<svg class="flow-graph" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="flow-title">`,
    `<title id="flow-title">${esc(L.t('flowView'))}</title>`,
  ];
  ['app', 'domains', 'organizations', 'countries'].forEach((key, col) => {
    out.push(`<text class="col-head" x="${(COL_X[col] as number) + 4}" y="18">${esc(L.t(key))}</text>`);
  });
  for (const l of links.values()) {
    const a = pos(l.from);
    const b = pos(l.to);
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    const w = (1.5 + 2 * Math.log2(1 + l.flows.size)).toFixed(1);
    const cls = worst(l.classes);
    const tip = `${l.from.slice(2)} → ${l.to.slice(2)}: ${l.flows.size} ${L.t('flows')}, ${L.disclosure(cls)}`;
    out.push(`<path class="link s-${esc(cls)}" d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}" stroke-width="${w}"><title>${esc(tip)}</title></path>`);
  }
  columns.forEach((list, col) => {
    for (const name of list) {
      const p = pos(`${col}:${name}`);
      out.push(
        `<g class="node"><title>${esc(name)}</title><rect x="${p.x}" y="${p.y}" width="${NODE_W}" height="${NODE_H}" rx="6"/>` +
          `<text x="${p.x + 8}" y="${p.y + NODE_H / 2 + 4}">${esc(clip(name, 24))}</text></g>`,
      );
    }
  });
  out.push('</svg>');
  return out.join('\n');
}
