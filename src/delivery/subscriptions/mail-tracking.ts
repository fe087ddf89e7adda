import type { Core } from '@strapi/strapi';
import { settings } from '../../platform/settings/newsroom-settings';
import { publicSiteUrl, releaseUrl } from '../../read-side/public-urls';
import { publicReleasesOf } from '../../read-side/read-model/public-releases';

/**
 * Open and click counts of release emails, off unless an operator sets MAIL_TRACKING=on: then each release email
 * carries a 1×1 picture and its article link passes through here, and each is counted per release and locale, never
 * per person (nothing in either URL says who). The emails say so. The click goes on to the release's own public
 * address, worked out here: no URL is taken from the request, so this is no open redirect.
 */

export const MAIL_COUNTS = 'newsroom_release_mail_counts';

export const mailTrackingOn = (): boolean => settings().MAIL_TRACKING === 'on';

/** `<documentId>.<locale>` as the URLs carry it, or null. */
export function trackedItem(value: unknown): { documentId: string; locale: string } | null {
  const match =
    typeof value === 'string' ? /^([a-z0-9]{1,64})\.([a-z]{2}(?:-[A-Za-z0-9-]+)?)(?:\.gif)?$/.exec(value) : null;
  return match ? { documentId: match[1], locale: match[2] } : null;
}

export const trackingUrls = (apiUrl: string, release: { documentId: string; locale: string }) => ({
  opened: `${apiUrl}/api/subscriptions/opened/${release.documentId}.${release.locale}.gif`,
  clicked: `${apiUrl}/api/subscriptions/clicked/${release.documentId}.${release.locale}`,
});

async function count(strapi: Core.Strapi, item: { documentId: string; locale: string }, what: 'opens' | 'clicks') {
  await strapi.db.connection.raw(
    `INSERT INTO ${MAIL_COUNTS} (document_id, locale, ${what}) VALUES (?, ?, 1)
     ON CONFLICT (document_id, locale) DO UPDATE SET ${what} = ${MAIL_COUNTS}.${what} + 1`,
    [item.documentId, item.locale],
  );
}

/** The transparent 1×1 GIF of an open. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** An open: counted (for a public release), answered with the pixel; null when tracking is off or it is no item. */
export async function countOpen(strapi: Core.Strapi, value: unknown): Promise<Buffer | null> {
  const item = trackedItem(value);
  if (!mailTrackingOn() || !item) return null;
  if (await publicReleasesOf(strapi).release(item.documentId, item.locale)) await count(strapi, item, 'opens');
  return PIXEL;
}

/** A click: counted, and where to send the reader (the release's page); null when there is none to go to. */
export async function countClick(strapi: Core.Strapi, value: unknown): Promise<string | null> {
  const item = trackedItem(value);
  if (!mailTrackingOn() || !item) return null;
  const release = await publicReleasesOf(strapi).release(item.documentId, item.locale);
  if (!release) return null;
  await count(strapi, item, 'clicks');
  return releaseUrl(publicSiteUrl(), release.locale, release.slug);
}
