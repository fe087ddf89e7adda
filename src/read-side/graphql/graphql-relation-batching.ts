import type { Core } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { isDeepStrictEqual } from 'node:util';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { relationFromReadModel } from '../read-model/graphql-reads';

/**
 * GraphQL resolves a release's relations one release at a time: Strapi's association resolver runs one
 * `load` query per release and relation, so a list of 25 releases with source, topics and entities took 76
 * queries (5–6 req/s in the bench). This batches them per request and relation (DataLoader): one query per
 * relation for the whole list, through Strapi's own query engine and populate, then the same default page
 * of related entries per release (`start`/`limit`) that Strapi's resolver would have asked for.
 *
 * Only the default case is batched: a relation field with arguments of its own (filters, sort, another page)
 * goes to Strapi's resolver unchanged. The batched relations point to types without draft & publish, so
 * there is no status to apply; authorisation (the public role's `find` on the target) has run before any
 * resolver middleware.
 */
const BATCHED_RELATIONS = ['source', 'topics', 'entities'] as const;
const TYPE_NAME = 'PressRelease';

type Relation = (typeof BATCHED_RELATIONS)[number];
type Resolve = (parent: unknown, args: unknown, context: object, info: unknown) => unknown;
interface Page {
  start: number;
  limit: number;
}

export function registerGraphqlRelationBatching(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  const loadersByRequest = new WeakMap<object, Map<Relation, DataLoader<number, unknown>>>();

  const transformArgs = (relation: Relation, args: unknown) => {
    const target = strapi.getModel(relationTarget(strapi, relation) as Parameters<Core.Strapi['getModel']>[0]);
    const { utils } = graphql.service('builders') as {
      utils: { transformArgs(args: unknown, options: object): Record<string, unknown> };
    };
    return utils.transformArgs(args ?? {}, { contentType: target, usePagination: true });
  };
  const defaults = new Map<Relation, { query: Record<string, unknown>; page: Page | undefined }>();

  /** The page Strapi's association resolver would ask for with these arguments, when that is all they ask. */
  const defaultPage = (relation: Relation, args: unknown): Page | undefined => {
    let known = defaults.get(relation);
    if (!known) {
      const query = transformArgs(relation, {});
      const { start, limit } = query as { start?: unknown; limit?: unknown };
      known = { query, page: typeof start === 'number' && typeof limit === 'number' ? { start, limit } : undefined };
      defaults.set(relation, known);
    }
    // No arguments, or GraphQL's empty defaults (sort: [], pagination: {}): no need to ask Strapi.
    if (
      Object.entries(args ?? {}).every(
        ([key, value]) =>
          value === undefined ||
          (key === 'sort' && Array.isArray(value) && value.length === 0) ||
          (key === 'pagination' && isDeepStrictEqual(value, {})),
      )
    ) {
      return known.page;
    }
    return isDeepStrictEqual(transformArgs(relation, args), known.query) ? known.page : undefined;
  };

  const loaderFor = (context: object, relation: Relation, page: Page) => {
    let loaders = loadersByRequest.get(context);
    if (!loaders) loadersByRequest.set(context, (loaders = new Map()));
    let loader = loaders.get(relation);
    if (!loader) {
      loader = new DataLoader<number, unknown>(async (ids) => {
        const rows = (await strapi.db.query(PRESS_RELEASE_UID).findMany({
          select: ['id'],
          where: { id: { $in: [...ids] } },
          populate: { [relation]: true },
        })) as Record<string, unknown>[];
        const byId = new Map(rows.map((row) => [row.id as number, row[relation]]));
        return ids.map((id) => {
          const value = byId.get(id);
          if (Array.isArray(value)) return value.slice(page.start, page.start + page.limit);
          return value ?? null;
        });
      });
      loaders.set(relation, loader);
    }
    return loader;
  };

  const batched =
    (relation: Relation) =>
    async (resolve: Resolve, parent: unknown, args: unknown, context: object, info: unknown) => {
      // Queries only: within a request's mutations a relation read after a write must not come from the loader.
      if ((info as { operation?: { operation?: string } } | undefined)?.operation?.operation !== 'query')
        return resolve(parent, args, context, info);
      const page = defaultPage(relation, args);
      if (!page) return resolve(parent, args, context, info);
      // A release read from the public read model carries its relations in its JSON.
      const fromModel = relationFromReadModel(parent, relation, info, page);
      if (fromModel) return fromModel.value;
      const id = (parent as { id?: unknown } | null)?.id;
      if (typeof id !== 'number') return resolve(parent, args, context, info);
      return loaderFor(context, relation, page).load(id);
    };

  graphql.service('extension').use(() => ({
    resolversConfig: Object.fromEntries(
      BATCHED_RELATIONS.map((relation) => [`${TYPE_NAME}.${relation}`, { middlewares: [batched(relation)] }]),
    ),
  }));
}

function relationTarget(strapi: Core.Strapi, relation: Relation): string {
  return String((strapi.getModel(PRESS_RELEASE_UID).attributes[relation] as { target?: string }).target);
}
