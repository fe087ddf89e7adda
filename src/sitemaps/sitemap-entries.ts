import type { Core } from '@strapi/strapi';
import { notEmbargoedFilter } from '../embargo/embargo-filter';
import { PRESS_RELEASE_UID } from '../newsroom-setup/content-type-uids';

export interface SitemapRow {
  documentId: string;
  locale: string;
  slug: string;
  headline: string;
  publishedAt: string;
  updatedAt: string;
}

/** The sitemap protocol's limit for one file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News sitemaps: articles of the last two days, at most 1,000. */
export const NEWS_SITEMAP_MAX_URLS = 1000;
export const NEWS_SITEMAP_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

/** Published rows (one per document and locale), newest first, optionally only those published since a date. */
export async function publishedSitemapRows(
  strapi: Core.Strapi,
  options: { since?: Date; limit: number; now?: Date },
): Promise<SitemapRow[]> {
  const now = options.now ?? new Date();
  return (await strapi.db.query(PRESS_RELEASE_UID).findMany({
    select: ['documentId', 'locale', 'slug', 'headline', 'publishedAt', 'updatedAt'],
    where: {
      publishedAt: options.since ? { $notNull: true, $gte: options.since, $lte: now } : { $notNull: true, $lte: now },
      slug: { $notNull: true },
      ...notEmbargoedFilter(now),
    },
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    limit: options.limit,
  })) as SitemapRow[];
}
