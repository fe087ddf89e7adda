import type { Core } from '@strapi/strapi';
import { FEED_FILE_NAMES, localeFeedUrl, publicApiUrl, type FeedFormat } from '../../read-side/public-urls';
import { settings } from '../../platform/settings/newsroom-settings';

/**
 * WebSub (W3C, https://www.w3.org/TR/websub/): the public feeds name their hubs (WEBSUB_HUBS), and when a release goes
 * live, changes or goes in a locale, the hubs are told that the locale's feeds changed, so that subscribers get the
 * new entries at once instead of polling. A ping is the form POST hubs take from publishers (`hub.mode=publish`,
 * `hub.url=<feed>`); a hub fetches the feed itself, so a ping carries nothing that is not public.
 */

const PING_TIMEOUT_MS = 10_000;
/** A hub that did not answer is asked again after these pauses; then the next change pings it anyway. */
const RETRY_PAUSES_MS = [1000, 5000];

export const websubHubs = (): string[] => settings().WEBSUB_HUBS;

/** The public feeds of a locale that a hub may be told about: RSS, Atom, JSON Feed. */
export const localeFeedUrls = (apiUrl: string, locale: string): string[] =>
  (Object.keys(FEED_FILE_NAMES) as FeedFormat[]).map((format) => localeFeedUrl(apiUrl, locale, format));

/** The `Link` header of a public feed: its hubs and itself (the topic a subscriber subscribes to). */
export const websubLinkHeader = (hubs: readonly string[], self: string): string | undefined =>
  hubs.length === 0 ? undefined : [...hubs.map((hub) => `<${hub}>; rel="hub"`), `<${self}>; rel="self"`].join(', ');

async function ping(hub: string, feed: string): Promise<void> {
  const response = await fetch(hub, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feed }).toString(),
    signal: AbortSignal.timeout(PING_TIMEOUT_MS),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/** Tells every hub that these locales' feeds changed; a hub that fails is tried twice more, then logged. */
export async function pingHubs(strapi: Core.Strapi, locales: Iterable<string>): Promise<void> {
  const hubs = websubHubs();
  const apiUrl = publicApiUrl(strapi);
  const feeds = [...new Set(locales)].flatMap((locale) => localeFeedUrls(apiUrl, locale));
  await Promise.all(
    hubs.flatMap((hub) =>
      feeds.map(async (feed) => {
        for (let attempt = 0; ; attempt += 1) {
          try {
            return await ping(hub, feed);
          } catch (error) {
            if (attempt >= RETRY_PAUSES_MS.length) {
              strapi.log.warn(`WebSub: the hub ${hub} was not told that ${feed} changed: ${error}`);
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSES_MS[attempt]).unref());
          }
        }
      }),
    ),
  );
}
