/**
 * A loaded policy: its visible text as ordered blocks that keep the document's structure
 * (headings as section paths, list items, table rows). Every loader (html, pdf, text, markdown, url)
 * produces this; extraction reads nothing else.
 */
export type BlockKind = 'heading' | 'paragraph' | 'list_item' | 'table_row';

export interface Block {
  kind: BlockKind;
  text: string;
  /** Heading texts from the top of the document down to this block's section. */
  section: string[];
  /** Heading level (1..6) on heading blocks. */
  level?: number;
  /** Table rows keep their cells. */
  cells?: string[];
  /** `§2 ¶3`: the section number (order of headings) and the paragraph number inside it. */
  location: string;
}

export interface PolicyDocument {
  source: string;
  format: 'html' | 'pdf' | 'text' | 'markdown';
  language: 'en' | 'zh';
  script?: 'Hans' | 'Hant';
  /** Both languages carry a large share of the text (a bilingual policy). */
  mixed?: boolean;
  title?: string;
  blocks: Block[];
  /** What the loader noticed and stepped over (a charset declaration that did not fit, …), one sentence each. */
  warnings?: string[];
}
