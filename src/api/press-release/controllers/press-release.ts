import { factories } from '@strapi/strapi';
import { releaseForRequest } from '../../../locale-fallback/release-for-request';
import { DEFAULT_LOCALE } from '../../../newsroom-setup/locales';
import { publicSiteUrl } from '../../../public-urls/public-urls';
import { relatedReleaseIds } from '../../../related/related-releases';
import { releaseToNewsArticle } from '../../../structured-data/news-article-jsonld';
import { releaseToNinjs } from '../../../structured-data/ninjs';
import { createPublicOutputSanitizer } from '../../../public-access/public-output';

const UID = 'api::press-release.press-release';
const RELATED_LIMIT = 10;

export default factories.createCoreController(UID, ({ strapi }) => {
  const apiUrl = () => String(strapi.config.get('server.absoluteUrl', '')).replace(/\/+$/, '');
  const publicOutput = createPublicOutputSanitizer(strapi);

  return {
    /**
     * Reads (every GET here has a populate fixed by the server) use the lean public sanitiser; writes by
     * full-access tokens keep Strapi's generic one.
     */
    async sanitizeOutput(data: unknown, ctx: { method?: string; state?: { auth?: unknown } }) {
      if (ctx.method === 'GET' || ctx.method === 'HEAD') return publicOutput(data, UID);
      type SanitizeOptions = Parameters<typeof strapi.contentAPI.sanitize.output>[2];
      return strapi.contentAPI.sanitize.output(data as Record<string, unknown>, strapi.contentType(UID), { auth: ctx.state?.auth ?? {} } as SanitizeOptions);
    },

    /** GET /api/press-releases/slug/:slug?locale= — the published release with that slug in that locale. */
    async findBySlug(ctx) {
      const slug = String(ctx.params.slug);
      await this.validateQuery!(ctx);
      const query = await this.sanitizeQuery!(ctx);
      const locale = typeof query.locale === 'string' ? query.locale : DEFAULT_LOCALE;
      const release = await strapi.documents(UID).findFirst({ ...query, locale, filters: { slug }, status: 'published' });
      if (!release) {
        return ctx.notFound(`No published press release has the slug "${slug}" in locale "${locale}".`);
      }
      const sanitized = await this.sanitizeOutput!(release, ctx);
      return this.transformResponse!(sanitized);
    },

    /** GET /api/press-releases/:documentId/jsonld — schema.org NewsArticle. */
    async jsonld(ctx) {
      const { release, locale } = await releaseForRequest(strapi, ctx.params.documentId, ctx.query);
      ctx.set('Content-Language', locale.served);
      ctx.body = releaseToNewsArticle(release, { siteUrl: publicSiteUrl() });
      ctx.type = 'application/ld+json; charset=utf-8'; // after the body: koa types object bodies as JSON
    },

    /** GET /api/press-releases/:documentId/ninjs — IPTC ninjs 3.1. */
    async ninjs(ctx) {
      const { release, locale } = await releaseForRequest(strapi, ctx.params.documentId, ctx.query);
      ctx.set('Content-Language', locale.served);
      ctx.body = releaseToNinjs(release, { siteUrl: publicSiteUrl(), apiUrl: apiUrl() });
    },

    /** GET /api/press-releases/:documentId/related — releases sharing topics or entities, best match first. */
    async related(ctx) {
      const { locale } = await releaseForRequest(strapi, ctx.params.documentId, ctx.query);
      const matches = await relatedReleaseIds(strapi.db.connection, ctx.params.documentId, locale.served, RELATED_LIMIT);
      const releases = matches.length
        ? await strapi.documents(UID).findMany({
            locale: locale.served,
            status: 'published',
            filters: { documentId: { $in: matches.map((m) => m.documentId) } },
            populate: { topics: { fields: ['name', 'slug'] }, entities: { fields: ['name', 'kind'] }, source: { fields: ['name', 'shortName'] } },
          })
        : [];
      const order = new Map(matches.map((m, index) => [m.documentId, index]));
      releases.sort((a, b) => (order.get(a.documentId) ?? 0) - (order.get(b.documentId) ?? 0));
      const sanitized = (await this.sanitizeOutput!(releases, ctx)) as Record<string, unknown>[];
      const scores = new Map(matches.map((m) => [m.documentId, m.score]));
      ctx.set('Content-Language', locale.served);
      return {
        data: sanitized.map((release) => ({ ...release, sharedLinks: scores.get(String(release.documentId)) ?? 0 })),
        meta: { documentId: ctx.params.documentId, locale: locale.served },
      };
    },
  };
});
