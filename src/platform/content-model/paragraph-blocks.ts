/** Strapi "blocks" rich text, limited to what plain-text releases carry. */
export interface TextNode {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
}

export interface LinkNode {
  type: 'link';
  url: string;
  children: TextNode[];
}

export type InlineNode = TextNode | LinkNode;

export interface ParagraphBlock {
  type: 'paragraph';
  children: InlineNode[];
}

export function paragraphsToBlocks(paragraphs: string[]): ParagraphBlock[] {
  return paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
}

/** Plain text of each top-level block, in order (for comparisons, search and feeds). */
export function blocksToParagraphs(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.map((block) => inlineText(block)).filter((text) => text.length > 0);
}

function inlineText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const record = node as { text?: unknown; children?: unknown };
  if (typeof record.text === 'string') return record.text;
  if (Array.isArray(record.children)) return record.children.map(inlineText).join('');
  return '';
}
