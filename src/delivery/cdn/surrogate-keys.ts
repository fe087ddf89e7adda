import { ENTITY_UID, SOURCE_UID, TOPIC_UID } from '../../platform/content-model/content-type-uids';
import { DEFAULT_LOCALE } from '../../platform/content-model/locales';
import { publicRouteOf } from '../../read-side/public-routes';

/**
 * The names a CDN can purge public answers by (Fastly's `Surrogate-Key`, Cloudflare's and Akamai's `Cache-Tag`), one
 * owner for both sides: which keys an answer carries, and which keys a change purges.
 *
 * - `newsroom`: every public answer.
 * - `release-<documentId>`: every answer that shows that release, in any locale (its own pages and formats, the lists,
 *   search results and related lists that hold it).
 * - `releases-<locale>`: every answer that lists a locale's releases (lists, feeds, search, GraphQL lists).
 * - `releases`: every answer that lists releases of any locale (the above, sitemaps, GraphQL).
 * - `topics`, `entities`, `sources`: the answers of those types.
 */
export const ALL_KEY = 'newsroom';
export const releaseKey = (documentId: string) => `release-${documentId}`;
export const localeListKey = (locale: string) => `releases-${locale}`;
export const LISTS_KEY = 'releases';

/** What a change to a release shows up in: its own answers, and every list of the locales it changed in. */
export function releaseChangeKeys(documentId: string, locales: string[]): string[] {
  return [releaseKey(documentId), ...locales.map(localeListKey), LISTS_KEY];
}

/** What a change to a topic, entity or source shows up in: its type's answers, and the releases that show it. */
export function relatedContentChangeKeys(typeKey: string, documentIds: string[]): string[] {
  return [typeKey, ...documentIds.map(releaseKey), LISTS_KEY];
}

/** The key of each related type's own answers, by content type; the key is also its API path segment. */
export const TYPE_KEYS: Record<string, string> = {
  [TOPIC_UID]: 'topics',
  [ENTITY_UID]: 'entities',
  [SOURCE_UID]: 'sources',
};
/** documentIds and locale codes as Strapi makes them; anything else never becomes a key (nor a header). */
const SAFE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/i;

/** The documentIds of the releases a JSON answer shows at its top level (`data`, one or a list). */
function releasesIn(json: Buffer): string[] {
  try {
    const { data } = JSON.parse(json.toString('utf8')) as { data?: unknown };
    const entries = Array.isArray(data) ? data : data ? [data] : [];
    return entries
      .map((entry) => (entry as { documentId?: unknown } | null)?.documentId)
      .filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}

/**
 * The keys of a public answer, from its public route (src/read-side/public-routes.ts), its path, the locale asked
 * for and (for JSON release answers) the releases it holds. Read once per computed answer; the response cache keeps
 * them with the bytes.
 */
export function surrogateKeysOf(
  path: string,
  locale: string | undefined,
  body: Buffer,
  type: string,
  /** Keys the handler named (a page knows which release it shows; its HTML is not read back). */
  named: string[] = [],
): string[] {
  const keys = [ALL_KEY, ...named];
  const segments = path.split('/').filter(Boolean);
  const listLocale = locale || DEFAULT_LOCALE;
  switch (publicRouteOf(path)?.keys) {
    case 'releases': {
      if (/json/.test(type)) keys.push(...releasesIn(body).map(releaseKey));
      const byId = segments[1] === 'press-releases' && segments.length > 2 && segments[2] !== 'slug';
      if (byId) keys.push(releaseKey(decodeURIComponent(segments[2])));
      // A release's own answers change with it alone; lists, search and related lists with any release of the locale.
      const single = segments[1] === 'press-releases' && segments.length > 2 && segments[3] !== 'related';
      if (!single) keys.push(localeListKey(listLocale), LISTS_KEY);
      break;
    }
    case 'related-type':
      keys.push(segments[1]);
      break;
    case 'locale-lists':
      if (segments[1]) keys.push(localeListKey(segments[1]), LISTS_KEY);
      break;
    case 'lists':
      keys.push(LISTS_KEY);
      break;
  }
  return [...new Set(keys)].filter((key) => SAFE_NAME.test(key));
}

/** The headers carrying the keys: space-separated for Surrogate-Key, comma-separated for Cache-Tag. */
export function surrogateKeyHeaders(keys: string[]): Record<string, string> {
  return { 'Surrogate-Key': keys.join(' '), 'Cache-Tag': keys.join(',') };
}
