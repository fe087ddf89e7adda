import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BlocksRenderer, type BlocksContent } from '@strapi/blocks-react-renderer';

const SAFE_URL = /^(https?:|mailto:|\/|#)/i;

/** Links keep only web and mail URLs: a `javascript:` URL in a release must not reach a feed reader. */
function SafeLink({ children, url }: { children?: ReactNode; url: string }) {
  return SAFE_URL.test(url.trim())
    ? createElement('a', { href: url.trim(), rel: 'noopener' }, children)
    : createElement('span', null, children);
}

/** HTML of a Strapi blocks document, rendered by Strapi's own renderer (text is escaped by React). */
export function blocksToHtml(blocks: unknown): string {
  if (!Array.isArray(blocks) || blocks.length === 0) return '';
  return renderToStaticMarkup(
    createElement(BlocksRenderer, { content: blocks as BlocksContent, blocks: { link: SafeLink } }),
  );
}
