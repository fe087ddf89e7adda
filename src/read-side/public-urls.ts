import { settings, type Settings } from '../platform/settings/newsroom-settings';

/**
 * Where the public website lives (PUBLIC_URL) and the URL of a release on it. Feeds, sitemaps, JSON-LD and
 * ninjs all link there; this app's own reader page serves the same paths when PUBLIC_URL points at it.
 */
export function publicSiteUrl(values: Settings = settings()): string {
  return (values.PUBLIC_URL || `http://localhost:${values.PORT}`).replace(/\/+$/, '');
}

/** Where this API answers (Strapi's absolute server URL): ninjs ids, feed links and local media are there. */
export function publicApiUrl(strapi: { config: { get(path: string, fallback?: unknown): unknown } }): string {
  return String(strapi.config.get('server.absoluteUrl', '')).replace(/\/+$/, '');
}

export function releaseUrl(siteUrl: string, locale: string, slug: string): string {
  return `${siteUrl}/${encodeURIComponent(locale)}/press-releases/${encodeURIComponent(slug)}`;
}

export function publicationName(values: Settings = settings()): string {
  return values.PUBLICATION_NAME;
}

/** The public feeds of a locale, by format, and where each answers. */
export const FEED_FILE_NAMES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const;
export type FeedFormat = keyof typeof FEED_FILE_NAMES;
export const localeFeedUrl = (apiUrl: string, locale: string, format: FeedFormat): string =>
  `${apiUrl}/feeds/${encodeURIComponent(locale)}/${FEED_FILE_NAMES[format]}`;
