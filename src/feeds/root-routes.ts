import type { Core } from '@strapi/strapi';

/**
 * Feeds, sitemaps and the reader page's article URLs live at the site root, where readers and crawlers look for them,
 * not under the
 * /api prefix that every content-API route gets. They are public by nature and serve published
 * releases only (see src/api/feed/controllers).
 */
const atRoot = (path: string, action: string, controller = 'api::feed.feed') => ({
  method: 'GET' as const,
  path,
  handler: `${controller}.${action}`,
  config: { auth: false as const },
});

export const ROOT_ROUTES = [
  atRoot('/feeds/:locale/rss.xml', 'rss'),
  atRoot('/feeds/:locale/atom.xml', 'atom'),
  atRoot('/feeds/:locale/feed.json', 'json'),
  atRoot('/sitemap.xml', 'sitemap'),
  atRoot('/sitemaps/releases-:file([1-9][0-9]{0,5}).xml', 'sitemapFile'),
  atRoot('/news-sitemap.xml', 'newsSitemap'),
  atRoot('/', 'page', 'api::reader.reader'),
  atRoot('/preview', 'page', 'api::reader.reader'),
  atRoot('/:locale(ru|en|az)/press-releases/:slug', 'page', 'api::reader.reader'),
];

export function registerRootRoutes(strapi: Core.Strapi): void {
  strapi.server.routes(ROOT_ROUTES);
}
