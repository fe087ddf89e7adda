import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { resolveRequestLocale } from '../../../read-side/locale-fallback/release-for-request';
import { assertKnownLocale } from '../../../read-side/known-locales';
import { publicPressReleaseQuery } from '../../../read-side/read-model/press-release-public-query';

interface ReadContext {
  query: Record<string, unknown>;
  state: Record<string, unknown>;
  params: Record<string, string | undefined>;
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

/**
 * Route middleware for every public press-release read: validates the locale (and the fallback chain of
 * a single release), fixes status and populate, and says which locale was served.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: ReadContext, next: () => Promise<unknown>) => {
    const documentId = ctx.params.id;
    const { fallbackLocale, ...query } = ctx.query;
    let resolved: Awaited<ReturnType<typeof resolveRequestLocale>> | undefined;
    if (fallbackLocale !== undefined) {
      if (!documentId) {
        throw new errors.ValidationError(
          '"fallbackLocale" applies to a single release: /api/press-releases/:documentId.',
        );
      }
      resolved = await resolveRequestLocale(strapi, documentId, ctx.query);
      query.locale = resolved.served;
    } else if (query.locale !== undefined) {
      await assertKnownLocale(strapi, query.locale);
    }

    ctx.state.clientQuery = { ...query }; // what the client asked, after the locale checks (the hot paths read it)
    ctx.state.resolvedLocale = resolved;
    const rewritten = publicPressReleaseQuery(query);
    for (const key of Object.keys(ctx.query)) delete ctx.query[key];
    Object.assign(ctx.query, rewritten);
    await next();

    const body = ctx.body as { data?: { locale?: string }; meta?: Record<string, unknown> } | undefined;
    const servedLocale = body?.data && !Array.isArray(body.data) ? body.data.locale : undefined;
    if (ctx.status === 200 && servedLocale) {
      ctx.set('Content-Language', servedLocale);
      if (resolved && body) {
        body.meta = {
          ...body.meta,
          requestedLocale: resolved.requested,
          locale: resolved.served,
          fallbackUsed: resolved.fallbackUsed,
        };
      }
    }
  };
};
