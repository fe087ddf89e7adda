import type { Core } from '@strapi/strapi';

/**
 * Feeds, sitemaps, the reader page's article URLs and the API description live at the site root, where readers,
 * crawlers and client generators look for them, not under the /api prefix that every content-API route gets. They
 * are public by nature and serve published releases only (see src/api/feed/controllers).
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
  // Two-letter language codes, optionally with a region or script (pt-BR): never the /api prefix.
  atRoot('/:locale([a-z]{2}|[a-z]{2}-[A-Za-z0-9-]+)/press-releases/:slug', 'page', 'api::reader.reader'),
  // The API's own description (src/channels/openapi), at a URL that does not move with the /api prefix.
  atRoot('/openapi.json', 'document', 'api::openapi.openapi'),
];

export function registerRootRoutes(strapi: Core.Strapi): void {
  strapi.server.routes(ROOT_ROUTES);
}
