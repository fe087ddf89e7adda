import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { pressReleaseFeed, renderFeed } from '../../channels/feeds/press-release-feed';
import type { SharedRelease } from '../../read-side/read-model/shared-releases';
import { publicationName, publicSiteUrl } from '../../read-side/public-urls';

/**
 * A journalist's private Atom feed: a secret address per journalist (`/press/feed/<token>.atom`, 256 random bits),
 * made, replaced and revoked from the portal. Only the token's SHA-256 is stored (database/migrations), so the address
 * is shown once, when it is made; the request log shows the path without it (src/delivery/request-log).
 */

export const PRESS_FEED_TOKENS = 'newsroom_press_feed_tokens';

/** 32 random bytes in base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const digestOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export const privateFeedPath = (token: string): string => `/press/feed/${token}.atom`;

/** A new secret for the journalist's feed, replacing the one before (whose address stops working with this write). */
export async function replaceFeedToken(strapi: Core.Strapi, journalistId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await strapi.db
    .connection(PRESS_FEED_TOKENS)
    .insert({ journalist_id: journalistId, token_sha256: digestOf(token), created_at: new Date() })
    .onConflict('journalist_id')
    .merge();
  return token;
}

/** Removes the journalist's feed: its address answers 404 from now on. */
export async function revokeFeedToken(strapi: Core.Strapi, journalistId: number): Promise<void> {
  await strapi.db.connection(PRESS_FEED_TOKENS).where({ journalist_id: journalistId }).delete();
}

/** When the journalist's current feed address was made, or null when they have none. */
export async function feedMadeAt(strapi: Core.Strapi, journalistId: number): Promise<Date | null> {
  const row = (await strapi.db
    .connection(PRESS_FEED_TOKENS)
    .where({ journalist_id: journalistId })
    .first('created_at')) as { created_at: Date } | undefined;
  return row ? new Date(row.created_at) : null;
}

/** The journalist a feed token belongs to, or null (a malformed token is not looked up). */
export async function journalistOfFeedToken(strapi: Core.Strapi, token: string): Promise<number | null> {
  if (!TOKEN.test(token)) return null;
  const row = (await strapi.db
    .connection(PRESS_FEED_TOKENS)
    .where({ token_sha256: digestOf(token) })
    .first('journalist_id')) as { journalist_id: number } | undefined;
  return row ? row.journalist_id : null;
}

export interface PrivateFeedSettings {
  apiUrl: string;
  /** The feed's own address (with its token): its Atom id and self link. */
  selfUrl: string;
  language: string;
  title: string;
  /** Each entry's title, e.g. with its embargo. */
  entryTitle(release: SharedRelease): string;
}

/**
 * The Atom document of the releases shared with a journalist now, built by the public feeds' own builder with the
 * portal's addresses: each entry links to the release on the portal, where the journalist reads it signed in.
 */
export function privateFeedXml(releases: SharedRelease[], feed: PrivateFeedSettings): string {
  const built = pressReleaseFeed(
    releases,
    {
      siteUrl: publicSiteUrl(),
      apiUrl: feed.apiUrl,
      publicationName: publicationName(),
      locale: feed.language,
      own: {
        url: feed.selfUrl,
        title: feed.title,
        itemUrl: (release) =>
          `${feed.apiUrl}/press/releases/${encodeURIComponent(release.documentId)}?locale=${encodeURIComponent(
            release.locale,
          )}`,
        itemTitle: (release) => feed.entryTitle(release as SharedRelease),
      },
    },
    'atom',
  );
  return renderFeed(built, 'atom', feed.language);
}
