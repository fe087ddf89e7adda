import type { Core } from '@strapi/strapi';
import { withNotEmbargoedGraphql } from './embargo-filter';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/**
 * GraphQL loads a release's translations (`localizations`, `localizations_connection`) with Strapi's
 * association resolver, which reads through the query engine, not the document service, so the embargo
 * middleware does not see it. This adds the embargo condition to the relation's own filters (in GraphQL's
 * filter syntax, AND-ed with the client's) before Strapi's resolver runs: a translation under embargo does
 * not show through a version that is public.
 */
export function registerGraphqlLocalizationsEmbargo(strapi: Core.Strapi): void {
  const middleware = (resolve: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) =>
    resolve(parent, { ...args, filters: withNotEmbargoedGraphql(args?.filters) }, context, info);
  strapi.plugin('graphql').service('extension').use(() => ({
    resolversConfig: {
      'PressRelease.localizations': { middlewares: [middleware] },
      'PressRelease.localizations_connection': { middlewares: [middleware] },
    },
  }));
}
