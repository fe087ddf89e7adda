import type { Core } from '@strapi/strapi';
import {
  FEED_CONTENT_TYPES,
  FEED_SIZE,
  pressReleaseFeed,
  renderFeed,
  type FeedFormat,
} from '../../../channels/feeds/press-release-feed';
import { assertKnownLocale } from '../../../read-side/known-locales';
import { localeFeedUrl, publicApiUrl, publicationName, publicSiteUrl } from '../../../read-side/public-urls';
import { newsSitemap, releaseSitemap, sitemapIndex } from '../../../channels/sitemaps/build-sitemaps';
import { NEWS_SITEMAP_MAX_URLS, NEWS_SITEMAP_WINDOW_MS } from '../../../channels/sitemaps/sitemap-limits';
import { settings } from '../../../platform/settings/newsroom-settings';
import { publicReleasesOf } from '../../../read-side/read-model/public-releases';
import { NEWS_MESSAGE_TYPE, releasesToNewsMessage } from '../../../channels/structured-data/newsml-g2';
import { correctionsInPreparation } from '../../../read-side/read-model/corrections-in-preparation';
import { recentWithdrawals } from '../../../read-side/read-model/withdrawn-releases';
import { websubHubs, websubLinkHeader } from '../../../delivery/websub/websub-hubs';

interface FeedContext {
  params: { locale: string; file?: string };
  set(field: string, value: string): void;
  type: string;
  body: unknown;
  notFound(message: string): void;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const readModel = publicReleasesOf(strapi);
  const urlsPerFile = settings().SITEMAP_FILE_URLS;
  const feed = (format: FeedFormat) => async (ctx: FeedContext) => {
    const locale = ctx.params.locale;
    await assertKnownLocale(strapi, locale);
    const releases = await readModel.page(locale, 0, FEED_SIZE);
    const apiUrl = publicApiUrl(strapi);
    const hubs = websubHubs();
    const built = pressReleaseFeed(
      releases,
      { siteUrl: publicSiteUrl(), apiUrl, publicationName: publicationName(), locale, hubs },
      format,
    );
    const link = websubLinkHeader(hubs, localeFeedUrl(apiUrl, locale, format));
    if (link) ctx.set('Link', link);
    ctx.type = FEED_CONTENT_TYPES[format];
    ctx.body = renderFeed(built, format, locale, hubs);
  };

  return {
    rss: feed('rss'),
    atom: feed('atom'),
    json: feed('json'),

    /** /feeds/{locale}/newsml.xml: the locale's newest releases as a NewsML-G2 News Message, for agencies. */
    async newsml(ctx: FeedContext) {
      const locale = ctx.params.locale;
      await assertKnownLocale(strapi, locale);
      const releases = await readModel.page(locale, 0, FEED_SIZE);
      const withdrawals = await recentWithdrawals(strapi, locale, FEED_SIZE);
      ctx.type = `${NEWS_MESSAGE_TYPE}; charset=utf-8`;
      ctx.body = releasesToNewsMessage(
        releases,
        { siteUrl: publicSiteUrl(), apiUrl: publicApiUrl(strapi), publicationName: publicationName() },
        withdrawals,
        await correctionsInPreparation(strapi, releases),
      );
    },

    /** /sitemap.xml: the index of the release sitemap files (an empty archive still has its first, empty file). */
    async sitemap(ctx: FeedContext) {
      const files = await readModel.sitemapFiles(urlsPerFile);
      ctx.type = 'application/xml; charset=utf-8';
      ctx.body = await sitemapIndex(
        files.length > 0 ? files : [{ file: 1, lastmod: new Date(0).toISOString() }],
        publicSiteUrl(),
      );
    },

    /** /sitemaps/releases-N.xml: the Nth file of releases, oldest first; 404 past the last one. */
    async sitemapFile(ctx: FeedContext) {
      const file = Number(ctx.params.file);
      const rows = await readModel.sitemapFile(file, urlsPerFile);
      if (rows.length === 0 && file !== 1) return ctx.notFound(`There is no release sitemap ${file}.`);
      ctx.type = 'application/xml; charset=utf-8';
      ctx.body = await releaseSitemap(rows, publicSiteUrl());
    },

    async newsSitemap(ctx: FeedContext) {
      const rows = await readModel.newsSitemapRows({
        since: new Date(Date.now() - NEWS_SITEMAP_WINDOW_MS),
        limit: NEWS_SITEMAP_MAX_URLS,
      });
      ctx.type = 'application/xml; charset=utf-8';
      ctx.body = await newsSitemap(rows, publicSiteUrl(), publicationName());
    },
  };
};
