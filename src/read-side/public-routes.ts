/**
 * Every public path of the service, in one table that the response cache, the rate limit, the CDN's surrogate keys
 * and the routes at the site root all read: which paths answer the public, which of their answers are cached, which
 * are counted by the rate limit, and which keys a CDN can purge them by. The first entry whose pattern matches a
 * path is the one that applies.
 */

/** Which surrogate keys a route's answers carry beyond `newsroom` and the ones its handler names. */
export type KeyScope =
  /** The releases it holds, and its locale's lists unless it is one release's own answer. */
  | 'releases'
  /** Its type's own key (topics, entities, sources). */
  | 'related-type'
  /** The lists of the locale in its path. */
  | 'locale-lists'
  /** Every list of releases. */
  | 'lists'
  /** None: a page names the release it shows itself. */
  | 'own';

export interface PublicRoute {
  /** The paths it answers, as Koa sees them (ctx.path). */
  pattern: RegExp;
  /** Anonymous GET and HEAD answers are public reads: kept by the response cache, and by CDNs (Cache-Control). */
  cached: boolean;
  /** Counted by the public rate limit (the admin panel's log-in has Strapi's own limit; health checks none). */
  rateLimited: boolean;
  keys: KeyScope;
  /** Served at the site root, where readers, crawlers and client generators look, not under the /api prefix. */
  atRoot?: { path: string; handler: string }[];
}

const FEED = 'api::feed.feed';
const READER = 'api::reader.reader';

export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  // An editor's preview: never cached.
  { pattern: /^\/api\/preview\//, cached: false, rateLimited: true, keys: 'own' },
  { pattern: /^\/api\/ready$/, cached: true, rateLimited: false, keys: 'own' },
  { pattern: /^\/api\/(press-releases|search)(\/|$)/, cached: true, rateLimited: true, keys: 'releases' },
  { pattern: /^\/api\/(topics|entities|sources)(\/|$)/, cached: true, rateLimited: true, keys: 'related-type' },
  // Email subscriptions: a subscriber's own pages and the requests to subscribe, never kept by a cache.
  { pattern: /^\/api\/subscriptions(\/|$)/, cached: false, rateLimited: true, keys: 'own' },
  { pattern: /^\/api\//, cached: true, rateLimited: true, keys: 'own' },
  {
    pattern: /^\/$/,
    cached: true,
    rateLimited: false,
    keys: 'own',
    atRoot: [{ path: '/', handler: `${READER}.page` }],
  },
  {
    pattern: /^\/preview$/,
    cached: false,
    rateLimited: false,
    keys: 'own',
    atRoot: [{ path: '/preview', handler: `${READER}.page` }],
  },
  {
    // Two-letter language codes, optionally with a region or script (pt-BR): never the /api prefix.
    pattern: /^\/[a-z]{2}(?:-[A-Za-z0-9-]+)?\/press-releases\/[^/]+$/,
    cached: true,
    rateLimited: false,
    keys: 'own',
    atRoot: [{ path: '/:locale([a-z]{2}|[a-z]{2}-[A-Za-z0-9-]+)/press-releases/:slug', handler: `${READER}.page` }],
  },
  {
    pattern: /^\/feeds\//,
    cached: true,
    rateLimited: true,
    keys: 'locale-lists',
    atRoot: [
      { path: '/feeds/:locale/rss.xml', handler: `${FEED}.rss` },
      { path: '/feeds/:locale/atom.xml', handler: `${FEED}.atom` },
      { path: '/feeds/:locale/feed.json', handler: `${FEED}.json` },
      { path: '/feeds/:locale/newsml.xml', handler: `${FEED}.newsml` },
    ],
  },
  {
    pattern: /^\/sitemap\.xml$/,
    cached: true,
    rateLimited: true,
    keys: 'lists',
    atRoot: [{ path: '/sitemap.xml', handler: `${FEED}.sitemap` }],
  },
  {
    pattern: /^\/sitemaps\//,
    cached: true,
    rateLimited: true,
    keys: 'lists',
    atRoot: [{ path: '/sitemaps/releases-:file([1-9][0-9]{0,5}).xml', handler: `${FEED}.sitemapFile` }],
  },
  {
    pattern: /^\/news-sitemap\.xml$/,
    cached: true,
    rateLimited: true,
    keys: 'lists',
    atRoot: [{ path: '/news-sitemap.xml', handler: `${FEED}.newsSitemap` }],
  },
  { pattern: /^\/graphql$/, cached: true, rateLimited: true, keys: 'lists' },
  // The press portal (src/press-access/portal): a journalist's own pages and private feed, never kept by the response
  // cache or a CDN (its answers are `private, no-store`); counted by the public rate limit like the rest.
  { pattern: /^\/press(\/|$)/, cached: false, rateLimited: true, keys: 'own' },
  {
    // The API's own description, at a URL that does not move with the /api prefix.
    pattern: /^\/openapi\.json$/,
    cached: true,
    rateLimited: false,
    keys: 'own',
    atRoot: [{ path: '/openapi.json', handler: 'api::openapi.openapi.document' }],
  },
];

/** The public route a path belongs to, or undefined for everything else (the admin panel, uploads, health). */
export function publicRouteOf(path: string): PublicRoute | undefined {
  return PUBLIC_ROUTES.find((route) => route.pattern.test(path));
}
