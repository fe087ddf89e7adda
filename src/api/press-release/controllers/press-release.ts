import { PRESS_RELEASE_UID } from '../../../platform/content-model/content-type-uids';
import { factories } from '@strapi/strapi';
import { releaseForRequest, releaseOrWithdrawal } from '../../../read-side/locale-fallback/release-for-request';
import { DEFAULT_LOCALE } from '../../../platform/content-model/locales';
import { publicApiUrl, publicationName, publicSiteUrl } from '../../../read-side/public-urls';
import { releaseToNewsArticle } from '../../../channels/structured-data/news-article-jsonld';
import { releaseToNinjs, withdrawnToNinjs } from '../../../channels/structured-data/ninjs';
import { NEWS_ITEM_TYPE, releaseToNewsItem, withdrawnToNewsItem } from '../../../channels/structured-data/newsml-g2';
import { releaseStatusNow } from '../../../channels/structured-data/release-status';
import { PUBLIC_RELEASE_POPULATE } from '../../../read-side/public-shape';
import { errors } from '@strapi/utils';
import { pressKitOf } from '../../../channels/press-kit/press-kit';
import { cacheControlHeader, cachePolicyFrom } from '../../../delivery/http-cache/cache-policy';
import { releaseChangeKeys, surrogateKeyHeaders } from '../../../delivery/cdn/surrogate-keys';
import { publicOutputSanitizerOf } from '../../../read-side/public-output';
import { plainListRequest } from '../../../read-side/read-model/plain-list-request';
import { publicReleasesOf } from '../../../read-side/read-model/public-releases';
import { stockPublicReads } from '../../../read-side/stock-reads';

const RELATED_LIMIT = 10;

type QueryContext = { query: Record<string, unknown> };
type QueryCheck<T> = (this: unknown, ctx: QueryContext) => Promise<T>;

/**
 * Runs one of Strapi's query checks on a public read without the populate that the public-read middleware
 * fixed: it is our constant, not client input, and checking it on every request cost a fifth of the CPU
 * of an uncached list (--cpu-prof). Any other populate (none reaches here on GET) is checked as usual.
 */
async function checkWithoutFixedPopulate<T>(
  self: unknown,
  check: QueryCheck<T>,
  ctx: QueryContext,
): Promise<{ result: T; fixed: boolean }> {
  const { populate } = ctx.query;
  if (populate !== PUBLIC_RELEASE_POPULATE) return { result: await check.call(self, ctx), fixed: false };
  delete ctx.query.populate; // in place: koa's query setter would re-serialise the object
  try {
    return { result: await check.call(self, ctx), fixed: true };
  } finally {
    ctx.query.populate = populate;
  }
}

export default factories.createCoreController(PRESS_RELEASE_UID, ({ strapi }) => {
  // Stock mode (the tests' oracle): no public-read middleware marks a request plain, so find and findOne fall to
  // Strapi's own; the lean sanitiser is left out here.
  const stock = stockPublicReads();
  // Strapi's core controller, which createCoreController makes the prototype of the object returned here.
  const base = (self: object) =>
    Object.getPrototypeOf(self) as {
      validateQuery: QueryCheck<void>;
      sanitizeQuery: QueryCheck<Record<string, unknown>>;
      find: QueryCheck<unknown>;
      findOne: QueryCheck<unknown>;
      sanitizeOutput(this: unknown, data: unknown, ctx: unknown): Promise<unknown>;
    };
  const readModel = publicReleasesOf(strapi);
  /**
   * A GET in Strapi 5's response format that came through the public-read middleware (which keeps the client's query).
   */
  const plainRequest = (ctx: { method: string; get(field: string): string; state: Record<string, unknown> }) =>
    ctx.method === 'GET' && !ctx.get('strapi-response-format') && ctx.state.clientQuery !== undefined;
  /**
   * For a single release asked with `?locale` alone (or nothing): the locale; undefined when the query asks for more.
   */
  const plainLocale = (ctx: { method: string; get(field: string): string; state: Record<string, unknown> }) => {
    if (!plainRequest(ctx)) return undefined;
    const clientQuery = ctx.state.clientQuery as Record<string, unknown>;
    if (!Object.entries(clientQuery).every(([key, value]) => key === 'locale' && typeof value === 'string'))
      return undefined;
    return typeof clientQuery.locale === 'string' ? clientQuery.locale : DEFAULT_LOCALE;
  };
  /** Sends a hot path's JSON bytes (the type after the body: koa types a Buffer body as a download). */
  const sendJson = (
    ctx: { body: unknown; type: string; set(field: string, value: string): void },
    body: Buffer,
    locale?: string,
  ) => {
    ctx.body = body;
    ctx.type = 'application/json; charset=utf-8';
    if (locale) ctx.set('Content-Language', locale);
  };

  return {
    /** GET /api/press-releases — a plain page of a locale from the read model; anything else as Strapi does it. */
    async find(ctx) {
      const plain = plainRequest(ctx)
        ? plainListRequest(ctx.state.clientQuery as Record<string, unknown>, {
            locale: DEFAULT_LOCALE,
            pageSize: Number(strapi.config.get('api.rest.defaultLimit', 25)),
            maxPageSize: Number(strapi.config.get('api.rest.maxLimit', 100)),
          })
        : undefined;
      if (!plain) return base(this).find.call(this, ctx);
      sendJson(ctx, await readModel.listPage(plain));
    },

    async validateQuery(ctx: QueryContext) {
      await checkWithoutFixedPopulate(this, base(this).validateQuery, ctx);
    },

    async sanitizeQuery(ctx: QueryContext) {
      const { result, fixed } = await checkWithoutFixedPopulate(this, base(this).sanitizeQuery, ctx);
      return fixed ? { ...result, populate: structuredClone(PUBLIC_RELEASE_POPULATE) } : result;
    },

    /**
     * Reads (every GET here has a populate fixed by the server) use the lean public sanitiser; writes by
     * full-access tokens keep Strapi's generic one.
     */
    async sanitizeOutput(data: unknown, ctx: { method?: string }) {
      if (!stock && (ctx.method === 'GET' || ctx.method === 'HEAD'))
        return (await publicOutputSanitizerOf(strapi, { fresh: false }))(data, PRESS_RELEASE_UID);
      return base(this).sanitizeOutput.call(this, data, ctx);
    },

    /**
     * GET /api/press-releases/:documentId — with `?locale` alone (the public-read middleware has already
     * resolved a `fallbackLocale` chain into it), from the read model; anything more goes through Strapi.
     */
    async findOne(ctx) {
      const locale = plainLocale(ctx);
      if (!locale) return base(this).findOne.call(this, ctx);
      const resolved = ctx.state.resolvedLocale as
        { requested: string; served: string; fallbackUsed: boolean } | undefined;
      const meta = resolved
        ? { requestedLocale: resolved.requested, locale: resolved.served, fallbackUsed: resolved.fallbackUsed }
        : {};
      const body = await readModel.byDocumentId(locale, String(ctx.params.id), meta);
      if (!body) return ctx.notFound(); // as Strapi's own findOne answers
      sendJson(ctx, body, locale);
    },

    /** GET /api/press-releases/slug/:slug?locale= — the published release with that slug in that locale. */
    async findBySlug(ctx) {
      const slug = String(ctx.params.slug);
      // ?locale=xx alone (or nothing): from the read model; anything more goes through Strapi below.
      const plain = plainLocale(ctx);
      if (plain) {
        const body = await readModel.bySlug(plain, slug);
        if (!body) return ctx.notFound(`No published press release has the slug "${slug}" in locale "${plain}".`);
        return sendJson(ctx, body, plain);
      }
      await this.validateQuery!(ctx);
      const query = await this.sanitizeQuery!(ctx);
      const locale = typeof query.locale === 'string' ? query.locale : DEFAULT_LOCALE;
      const release = await strapi
        .documents(PRESS_RELEASE_UID)
        .findFirst({ ...query, locale, filters: { slug }, status: 'published' });
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
      ctx.body = releaseToNewsArticle(release, { siteUrl: publicSiteUrl(), apiUrl: publicApiUrl(strapi) });
      ctx.type = 'application/ld+json; charset=utf-8'; // after the body: koa types object bodies as JSON
    },

    /** GET /api/press-releases/:documentId/ninjs — IPTC ninjs 3.1. */
    async ninjs(ctx) {
      const found = await releaseOrWithdrawal(strapi, ctx.params.documentId, ctx.query);
      if ('withdrawn' in found) {
        ctx.set('Content-Language', found.withdrawn.locale);
        ctx.body = withdrawnToNinjs(found.withdrawn, { apiUrl: publicApiUrl(strapi) });
        return;
      }
      ctx.set('Content-Language', found.locale.served);
      const status = await releaseStatusNow(strapi, found.release);
      ctx.body = releaseToNinjs(found.release, { siteUrl: publicSiteUrl(), apiUrl: publicApiUrl(strapi) }, status);
    },

    /** GET /api/press-releases/:documentId/newsml — an IPTC NewsML-G2 2.35 News Item. */
    async newsml(ctx) {
      const found = await releaseOrWithdrawal(strapi, ctx.params.documentId, ctx.query);
      const newsml = { siteUrl: publicSiteUrl(), apiUrl: publicApiUrl(strapi), publicationName: publicationName() };
      if ('withdrawn' in found) {
        ctx.set('Content-Language', found.withdrawn.locale);
        ctx.body = withdrawnToNewsItem(found.withdrawn, newsml);
      } else {
        ctx.set('Content-Language', found.locale.served);
        ctx.body = releaseToNewsItem(found.release, newsml, { status: await releaseStatusNow(strapi, found.release) });
      }
      ctx.type = `${NEWS_ITEM_TYPE}; charset=utf-8`;
    },

    /**
     * GET /api/press-releases/:documentId/press-kit.zip — every published locale as text, HTML, NewsML-G2 and ninjs,
     * the photos' originals with their rights, a manifest (src/channels/press-kit). Streamed with its exact length;
     * cached by its version (ETag, 304).
     */
    async pressKit(ctx) {
      await releaseForRequest(strapi, ctx.params.documentId, ctx.query);
      const kit = await pressKitOf(strapi, ctx.params.documentId);
      if (!kit) throw new errors.NotFoundError(`No published press release ${ctx.params.documentId}.`);
      ctx.set('ETag', kit.etag);
      ctx.set('Cache-Control', cacheControlHeader(cachePolicyFrom()));
      ctx.set(surrogateKeyHeaders(releaseChangeKeys(ctx.params.documentId, kit.locales)));
      if (ctx.get('if-none-match') === kit.etag) {
        ctx.status = 304;
        return;
      }
      const { size, stream } = await kit.zip();
      ctx.type = 'application/zip';
      ctx.set('Content-Disposition', `attachment; filename="${kit.fileName}"`);
      if (size >= 0) ctx.length = size;
      ctx.body = stream;
    },

    /** GET /api/press-releases/:documentId/related — releases sharing topics or entities, best match first. */
    async related(ctx) {
      const { locale } = await releaseForRequest(strapi, ctx.params.documentId, ctx.query);
      const matches = await readModel.related(ctx.params.documentId, locale.served, RELATED_LIMIT);
      ctx.set('Content-Language', locale.served);
      return {
        data: matches.map(({ release, score }) => ({ ...release, sharedLinks: score })),
        meta: { documentId: ctx.params.documentId, locale: locale.served },
      };
    },
  };
});
