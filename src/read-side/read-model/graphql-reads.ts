import type { Core } from '@strapi/strapi';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_LOCALE } from '../../platform/content-model/locales';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { publicReleasesOf } from './public-releases';
import {
  PUBLIC_LOCALIZATION_FIELDS,
  PUBLIC_RELEASE_RELATIONS,
  PUBLIC_RELEASE_SORT,
  type PublicRelease,
} from '../public-shape';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
/** A resolver middleware of Strapi's GraphQL extension (resolversConfig): the next resolver, then its arguments. */
export type ResolverMiddleware = (
  resolve: Resolve,
  parent: unknown,
  args: Record<string, unknown>,
  context: unknown,
  info: unknown,
) => unknown;
interface FieldInfo {
  fieldNodes?: { selectionSet?: { selections: { kind: string; name?: { value: string } }[] } }[];
  operation?: { operation?: string };
}

/** Objects the GraphQL resolvers below took from the read model (a release, its media, its SEO component). */
const fromReadModel = new WeakSet<object>();
const mark = (value: unknown) => {
  if (value && typeof value === 'object') fromReadModel.add(value);
};
/** Marks a release and the objects its own fields resolve from (not its body's blocks: nothing asks for those). */
const remember = <T extends PublicRelease | PublicRelease[] | null>(value: T): T => {
  for (const release of Array.isArray(value) ? value : [value]) {
    if (!release) continue;
    mark(release);
    mark(release.cover);
    mark(release.seo);
    mark(release.seo?.image);
  }
  return value;
};

export const isFromReadModel = (parent: unknown): parent is Record<string, unknown> =>
  typeof parent === 'object' && parent !== null && fromReadModel.has(parent);

/** The fields a relation's entries carry in the read model's JSON (the public populate's, plus the ids). */
function shownFields(relation: string): Set<string> | undefined {
  if (relation === 'localizations') return new Set(['id', 'documentId', '__typename', ...PUBLIC_LOCALIZATION_FIELDS]);
  const populate = (PUBLIC_RELEASE_RELATIONS as Record<string, { fields?: readonly string[] } | true>)[relation];
  if (!populate || populate === true || !populate.fields) return undefined;
  return new Set(['id', 'documentId', '__typename', ...populate.fields]);
}

/** The fields a GraphQL selection asks for, or undefined when it uses fragments (not worth reading here). */
function selectedFields(info: unknown): string[] | undefined {
  const selections = (info as FieldInfo).fieldNodes?.[0]?.selectionSet?.selections ?? [];
  if (selections.some((selection) => selection.kind !== 'Field')) return undefined;
  return selections.map((selection) => String(selection.name?.value));
}

/**
 * A relation of a release that came from the read model, answered from its JSON when the selection asks only for
 * fields the JSON holds (a client may ask a topic for more: that goes to Strapi's resolver). `page` is the default
 * page Strapi's resolver would take.
 */
export function relationFromReadModel(
  parent: unknown,
  relation: string,
  info: unknown,
  page?: { start: number; limit: number },
): { value: unknown } | undefined {
  if (!isFromReadModel(parent) || !(relation in parent)) return undefined;
  const shown = shownFields(relation);
  const asked = selectedFields(info);
  if (!shown || !asked || asked.some((field) => !shown.has(field))) return undefined;
  const value = parent[relation];
  if (Array.isArray(value) && page) return { value: value.slice(page.start, page.start + page.limit) };
  return { value: value ?? null };
}

/**
 * GraphQL's public press-release queries from the read model: `pressReleases` and `pressReleases_connection` with
 * a locale and a page (in the public order, or none given; the connection's `pageInfo` from the model's total) and
 * `pressRelease` by documentId; the release's cover and SEO component (with its image) come from the same JSON.
 * Anything else (filters, another sort, a status other than published) goes to Strapi's resolvers, which the read
 * model's guard restricts to what is visible. Strapi has checked the public role's permission before any of this.
 */
export function registerGraphqlReadModel(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  const readModel = publicReleasesOf(strapi);
  const transformArgs = (args: Record<string, unknown>, usePagination: boolean) => {
    const { utils } = graphql.service('builders') as {
      utils: { transformArgs(args: unknown, options: object): Record<string, unknown> };
    };
    return utils.transformArgs(args ?? {}, { contentType: strapi.getModel(PRESS_RELEASE_UID), usePagination });
  };
  /** The locale of a plain request (locale, page, published status, the public order), else undefined. */
  const plainLocale = (query: Record<string, unknown>, allowed: string[]): string | undefined => {
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (key === 'status' && value === 'published') continue;
      if (key === 'sort' && isDeepStrictEqual(value, PUBLIC_RELEASE_SORT)) continue;
      if (key === 'locale' && typeof value === 'string') continue;
      if (!allowed.includes(key)) return undefined;
    }
    return typeof query.locale === 'string' ? query.locale : DEFAULT_LOCALE;
  };

  /** A root query answered from the read model when its arguments are plain (`read` gives undefined otherwise). */
  const fromModel =
    (
      usePagination: boolean,
      allowed: string[],
      read: (
        query: Record<string, unknown>,
        locale: string,
      ) => Promise<PublicRelease | PublicRelease[] | null> | undefined,
    ): ResolverMiddleware =>
    async (resolve, parent, args, context, info) => {
      const query = transformArgs(args, usePagination);
      const locale = plainLocale(query, allowed);
      const answer = locale ? read(query, locale) : undefined;
      return answer ? remember(await answer) : resolve(parent, args, context, info);
    };
  const list = fromModel(true, ['start', 'limit'], (query, locale) =>
    typeof query.start === 'number' && typeof query.limit === 'number'
      ? readModel.page(locale, query.start, query.limit)
      : undefined,
  );
  const one = fromModel(false, ['documentId'], (query, locale) =>
    typeof query.documentId === 'string' ? readModel.release(query.documentId, locale) : undefined,
  );
  /** The connection: its nodes as the list's, its `pageInfo` from the read model's total (kept per answer). */
  const totals = new WeakMap<object, { total: number; start: number; limit: number }>();
  const connection: ResolverMiddleware = async (resolve, parent, args, context, info) => {
    const query = transformArgs(args, true);
    const locale = plainLocale(query, ['start', 'limit']);
    const { start, limit } = query;
    if (!locale || typeof start !== 'number' || typeof limit !== 'number' || limit < 1)
      return resolve(parent, args, context, info);
    const [nodes, total] = await Promise.all([readModel.page(locale, start, limit), readModel.total(locale)]);
    // The shape Strapi's own connection resolver returns; its `meta` (deprecated) still counts through Strapi.
    const answer = { nodes: remember(nodes), info: { args: query, resourceUID: PRESS_RELEASE_UID } };
    totals.set(answer, { total, start, limit });
    return answer;
  };
  /** Strapi's pagination resolver's arithmetic, on the read model's total. */
  const pageInfo: ResolverMiddleware = (resolve, parent, args, context, info) => {
    const known = parent && typeof parent === 'object' ? totals.get(parent) : undefined;
    if (!known) return resolve(parent, args, context, info);
    const { total, start, limit } = known;
    return { total, page: Math.floor(start / limit) + 1, pageSize: limit, pageCount: Math.ceil(total / limit) };
  };
  /** A field the JSON holds whole (media, a component): no arguments, any selection. */
  const whole =
    (field: string): ResolverMiddleware =>
    (resolve, parent, args, context, info) =>
      isFromReadModel(parent) && field in parent ? (parent[field] ?? null) : resolve(parent, args, context, info);

  graphql.service('extension').use(() => ({
    resolversConfig: {
      'Query.pressReleases': { middlewares: [list] },
      'Query.pressRelease': { middlewares: [one] },
      'Query.pressReleases_connection': { middlewares: [connection] },
      'PressReleaseEntityResponseCollection.pageInfo': { middlewares: [pageInfo] },
      'PressRelease.cover': { middlewares: [whole('cover')] },
      'PressRelease.seo': { middlewares: [whole('seo')] },
      'ComponentSharedSeo.image': { middlewares: [whole('image')] },
    },
  }));
}
