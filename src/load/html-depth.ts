/**
 * Bounds HTML nesting depth, twice. Before parsing: parse5's tree construction is quadratic in the
 * depth of open elements (100k nested <div>s take minutes), so tags nested past a few thousand are
 * dropped from the source, keeping their text. After parsing: cheerio's text() and our block walker
 * recurse per level, so below MAX_HTML_DEPTH an element keeps only the text of its subtree (in
 * document order), collected without recursion. No real page nests hundreds deep.
 */

/** Elements that have no end tag, or whose end tag pages routinely leave out: they do not nest. */
const NON_NESTING = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rt', 'rp']);
export const MAX_SOURCE_DEPTH = 2048;

/** The HTML source with start and end tags nested deeper than `max` replaced by a space (linear scan). */
export function limitTagNesting(html: string, max = MAX_SOURCE_DEPTH): string {
  let depth = 0;
  let dropped = false;
  const out = html.replace(/<(\/?)([A-Za-z][\w:-]*)[^>]*?(\/?)>/g, (tag, close: string, name: string, selfClose: string) => {
    if (selfClose || NON_NESTING.has(name.toLowerCase())) return tag;
    if (close) {
      depth = Math.max(0, depth - 1);
      if (depth < max) return tag;
    } else if (++depth <= max) return tag;
    dropped = true;
    return ' ';
  });
  return dropped ? out : html;
}

/** The parts of a domhandler node this needs (cheerio's own node type, structurally). */
interface DomNode {
  type: string;
  data?: string;
  children?: DomNode[];
  parent: DomNode | null;
  prev: DomNode | null;
  next: DomNode | null;
}

export const MAX_HTML_DEPTH = 256;
const SKIPPED = new Set(['script', 'style', 'comment', 'directive']);

/** Flattens every element at depth `max` to its text; returns how many were flattened. */
export function flattenDeepNesting(root: unknown, max = MAX_HTML_DEPTH): number {
  let flattened = 0;
  const stack: Array<[DomNode, number]> = [[root as DomNode, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!node.children || node.children.length === 0) continue;
    if (depth >= max) {
      node.children = textBelow(node);
      relink(node);
      flattened++;
      continue;
    }
    for (const child of node.children) stack.push([child, depth + 1]);
  }
  return flattened;
}

function textBelow(node: DomNode): DomNode[] {
  const out: DomNode[] = [];
  const stack = [...(node.children ?? [])].reverse();
  let boundary = false;
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      // Text from different elements stays separate words.
      if (boundary && out.length > 0) n.data = ` ${n.data ?? ''}`;
      boundary = false;
      out.push(n);
    } else if (!SKIPPED.has(n.type) && n.children) {
      boundary = true;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out;
}

function relink(parent: DomNode): void {
  const kids = parent.children ?? [];
  kids.forEach((k, i) => {
    k.parent = parent;
    k.prev = kids[i - 1] ?? null;
    k.next = kids[i + 1] ?? null;
  });
}
