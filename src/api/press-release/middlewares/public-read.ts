import type { Core } from '@strapi/strapi';
import { assertKnownLocale } from '../../../public-access/known-locales';
import { publicPressReleaseQuery } from '../../../public-access/press-release-public-query';

/** Route middleware for every public press-release read: validates the locale, fixes status and populate. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: { query: Record<string, unknown> }, next: () => Promise<unknown>) => {
    if (ctx.query.locale !== undefined) await assertKnownLocale(strapi, ctx.query.locale);
    const rewritten = publicPressReleaseQuery(ctx.query);
    for (const key of Object.keys(ctx.query)) delete ctx.query[key];
    Object.assign(ctx.query, rewritten);
    await next();
  };
};
