import type { Core } from '@strapi/strapi';
import { latestPublishedReleases } from '../../../feeds/published-releases';
import { FEED_CONTENT_TYPES, pressReleaseFeed, renderFeed, type FeedFormat } from '../../../feeds/press-release-feed';
import { assertKnownLocale } from '../../../public-access/known-locales';
import { publicationName, publicSiteUrl } from '../../../public-urls/public-urls';
import { newsSitemap, releaseSitemap } from '../../../sitemaps/build-sitemaps';
import {
  NEWS_SITEMAP_MAX_URLS,
  NEWS_SITEMAP_WINDOW_MS,
  publishedSitemapRows,
  SITEMAP_MAX_URLS,
} from '../../../sitemaps/sitemap-entries';

export const FEED_SIZE = 50;

interface FeedContext {
  params: { locale: string };
  type: string;
  body: unknown;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const feed = (format: FeedFormat) => async (ctx: FeedContext) => {
    const locale = ctx.params.locale;
    await assertKnownLocale(strapi, locale);
    const releases = await latestPublishedReleases(strapi, locale, FEED_SIZE);
    const built = pressReleaseFeed(releases, {
      siteUrl: publicSiteUrl(),
      apiUrl: String(strapi.config.get('server.absoluteUrl', '')).replace(/\/+$/, ''),
      publicationName: publicationName(),
      locale,
    });
    ctx.type = FEED_CONTENT_TYPES[format];
    ctx.body = renderFeed(built, format, locale);
  };

  return {
    rss: feed('rss'),
    atom: feed('atom'),
    json: feed('json'),

    async sitemap(ctx: FeedContext) {
      const rows = await publishedSitemapRows(strapi, { limit: SITEMAP_MAX_URLS });
      ctx.type = 'application/xml; charset=utf-8';
      ctx.body = await releaseSitemap(rows, publicSiteUrl());
    },

    async newsSitemap(ctx: FeedContext) {
      const now = new Date();
      const rows = await publishedSitemapRows(strapi, {
        since: new Date(now.getTime() - NEWS_SITEMAP_WINDOW_MS),
        limit: NEWS_SITEMAP_MAX_URLS,
        now,
      });
      ctx.type = 'application/xml; charset=utf-8';
      ctx.body = await newsSitemap(rows, publicSiteUrl(), publicationName());
    },
  };
};
