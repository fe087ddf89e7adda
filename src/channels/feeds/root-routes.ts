import type { Core } from '@strapi/strapi';
import { PUBLIC_ROUTES } from '../../read-side/public-routes';

/**
 * Feeds, sitemaps, the reader page's article URLs and the API description live at the site root, where readers,
 * crawlers and client generators look for them, not under the /api prefix that every content-API route gets. They
 * are public by nature and serve published releases only (see src/api/feed/controllers); which paths they are is
 * the public routes' table (src/read-side/public-routes.ts).
 */
export const ROOT_ROUTES = PUBLIC_ROUTES.flatMap((route) => route.atRoot ?? []).map(({ path, handler }) => ({
  method: 'GET' as const,
  path,
  handler,
  config: { auth: false as const },
}));

export function registerRootRoutes(strapi: Core.Strapi): void {
  strapi.server.routes(ROOT_ROUTES);
}
