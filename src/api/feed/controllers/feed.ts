import type { Core } from '@strapi/strapi';
import { FEED_CONTENT_TYPES, pressReleaseFeed, renderFeed, type FeedFormat } from '../../../feeds/press-release-feed';
import { assertKnownLocale } from '../../../public-access/known-locales';
import { publicationName, publicSiteUrl } from '../../../public-urls/public-urls';
import { newsSitemap, releaseSitemap } from '../../../sitemaps/build-sitemaps';
import { NEWS_SITEMAP_MAX_URLS, NEWS_SITEMAP_WINDOW_MS, SITEMAP_MAX_URLS } from '../../../sitemaps/sitemap-limits';
import { publicReleasesOf } from '../../../public-read-model/public-releases';

export const FEED_SIZE = 50;

interface FeedContext {
  params: { locale: string };
  type: string;
  body: unknown;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const readModel = publicReleasesOf(strapi);
  const feed = (format: FeedFormat) => async (ctx: FeedContext) => {
    const locale = ctx.params.locale;
    await assertKnownLocale(strapi, locale);
    const releases = await readModel.page(locale, 0, FEED_SIZE);
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
      const rows = await readModel.sitemapRows({ limit: SITEMAP_MAX_URLS });
      ctx.type = 'application/xml; charset=utf-8';
      ctx.body = await releaseSitemap(rows, publicSiteUrl());
    },

    async newsSitemap(ctx: FeedContext) {
      const rows = await readModel.sitemapRows({
        since: new Date(Date.now() - NEWS_SITEMAP_WINDOW_MS),
        limit: NEWS_SITEMAP_MAX_URLS,
      });
      ctx.type = 'application/xml; charset=utf-8';
      ctx.body = await newsSitemap(rows, publicSiteUrl(), publicationName());
    },
  };
};
