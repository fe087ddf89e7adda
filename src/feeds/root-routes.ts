import type { Core } from '@strapi/strapi';

/**
 * Feeds and sitemaps live at the site root, where readers and crawlers look for them, not under the
 * /api prefix that every content-API route gets. They are public by nature and serve published
 * releases only (see src/api/feed/controllers).
 */
const atRoot = (path: string, action: string) => ({
  method: 'GET' as const,
  path,
  handler: `api::feed.feed.${action}`,
  config: { auth: false as const },
});

export const ROOT_ROUTES = [
  atRoot('/feeds/:locale/rss.xml', 'rss'),
  atRoot('/feeds/:locale/atom.xml', 'atom'),
  atRoot('/feeds/:locale/feed.json', 'json'),
  atRoot('/sitemap.xml', 'sitemap'),
  atRoot('/news-sitemap.xml', 'newsSitemap'),
];

export function registerRootRoutes(strapi: Core.Strapi): void {
  strapi.server.routes(ROOT_ROUTES);
}
