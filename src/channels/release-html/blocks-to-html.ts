import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BlocksRenderer, type BlocksContent } from '@strapi/blocks-react-renderer';
import { mediaUrl } from '../../read-side/read-model/cover-image';

const SAFE_URL = /^(https?:|mailto:|\/|#)/i;

/** Links keep only web and mail URLs: a `javascript:` URL in a release must not reach a feed reader. */
function SafeLink({ children, url }: { children?: ReactNode; url: string }) {
  return SAFE_URL.test(url.trim())
    ? createElement('a', { href: url.trim(), rel: 'noopener' }, children)
    : createElement('span', null, children);
}

type BodyImage = { url: string; alternativeText?: string | null; width?: number; height?: number };

/**
 * HTML of a Strapi blocks document, rendered by Strapi's own renderer (text is escaped by React). A picture in the body
 * gets an absolute URL on `apiUrl` when it is stored locally (`/uploads/…`): a feed reader or a ninjs consumer has
 * no base to resolve a path against.
 */
export function blocksToHtml(blocks: unknown, apiUrl?: string): string {
  if (!Array.isArray(blocks) || blocks.length === 0) return '';
  const image = ({ image }: { image: BodyImage }) =>
    createElement('img', {
      src: apiUrl ? mediaUrl(apiUrl, image.url) : image.url,
      alt: image.alternativeText ?? '',
      width: image.width,
      height: image.height,
    });
  return renderToStaticMarkup(
    createElement(BlocksRenderer, { content: blocks as BlocksContent, blocks: { link: SafeLink, image } }),
  );
}
