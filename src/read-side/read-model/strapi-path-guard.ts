import type { Core, Modules } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { publicReleasesOf } from './public-releases';
import { isProjecting } from './release-projection';
import { relationFromReadModel, type ResolverMiddleware } from './graphql-reads';
import { audienceOfRequest, heldToEmbargo } from '../visibility';

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/** Reads made for an audience held to the embargo (the public: REST, GraphQL, feeds…). */
function isPublicRequest(strapi: Core.Strapi): boolean {
  if (isProjecting()) return false; // the read model reading the releases it is about to store
  return heldToEmbargo(audienceOfRequest(strapi));
}

const and = (filters: unknown, condition: Record<string, unknown>, key: '$and' | 'and') => {
  const hasFilters = typeof filters === 'object' && filters !== null && Object.keys(filters).length > 0;
  return hasFilters ? { [key]: [filters, condition] } : condition;
};

/**
 * Document Service middleware for reads that take Strapi's own path on behalf of a public request (a REST query
 * with filters or sorts, GraphQL): published rows that the read model says are not visible yet are left out, of
 * the answer and of its populated `localizations`. The rule is the read model's; this only applies its answer.
 */
export function strapiPathGuard(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== PRESS_RELEASE_UID || !READS.has(context.action) || !isPublicRequest(strapi)) return next();
    const hidden = await publicReleasesOf(strapi).hiddenRowIds();
    if (hidden.length === 0) return next();
    const notHidden = { id: { $notIn: hidden } };
    const params = context.params as { filters?: unknown; populate?: unknown };
    params.filters = and(params.filters, notHidden, '$and');
    const populate = params.populate as Record<string, unknown> | undefined;
    if (populate && typeof populate === 'object' && !Array.isArray(populate) && populate.localizations) {
      const localizations = populate.localizations === true ? {} : (populate.localizations as Record<string, unknown>);
      // A copy: the populate may be a shared constant (the public query's).
      params.populate = {
        ...populate,
        localizations: { ...localizations, filters: and(localizations.filters, notHidden, '$and') },
      };
    }
    return next();
  };
}

/**
 * GraphQL loads a release's translations (`localizations`, `localizations_connection`) with Strapi's association
 * resolver, which reads through the query engine, not the document service: the same exclusion is added to the
 * relation's own filters (GraphQL's syntax, AND-ed with the client's) before Strapi's resolver runs. A release read
 * from the read model already carries the translations visible now: asked with no arguments, for fields they
 * hold, they are answered from it.
 */
export function registerGraphqlLocalizationsGuard(strapi: Core.Strapi): void {
  const guard: ResolverMiddleware = async (resolve, parent, args, context, info) => {
    const hidden = await publicReleasesOf(strapi).hiddenRowIds();
    if (hidden.length === 0) return resolve(parent, args, context, info);
    return resolve(parent, { ...args, filters: and(args?.filters, { id: { notIn: hidden } }, 'and') }, context, info);
  };
  const fromModelOrGuard: ResolverMiddleware = (resolve, parent, args, context, info) => {
    // No arguments, or GraphQL's empty defaults (sort: [], pagination: {}).
    const asksNothingMore = Object.values(args ?? {}).every(
      (value) =>
        value === undefined || (typeof value === 'object' && value !== null && Object.keys(value).length === 0),
    );
    const fromModel = asksNothingMore ? relationFromReadModel(parent, 'localizations', info) : undefined;
    return fromModel ? fromModel.value : guard(resolve, parent, args, context, info);
  };
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      resolversConfig: {
        'PressRelease.localizations': { middlewares: [fromModelOrGuard] },
        'PressRelease.localizations_connection': { middlewares: [guard] },
      },
    }));
}
