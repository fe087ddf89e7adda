import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Strapi's content-API validation passes a sort whose field path has an empty name in it (`sort=..`,
 * `sort=headline.`, `sort=.slug`), and its query builder then fails on it: a 500 on REST, an internal error
 * on GraphQL. These checks refuse such a sort first, with a 400 (REST) or BAD_USER_INPUT (GraphQL).
 */

type Query = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** In `field.path:order,…`, the first segment whose field path has an empty name. */
function badStringSort(sort: string): string | undefined {
  return sort.split(',').find((segment) => {
    const field = segment.split(':')[0].trim();
    return field.length > 0 && field.split('.').some((name) => name.trim().length === 0);
  });
}

/** In `{ field: { nested: 'asc' } }`, the first empty key; its values are orders or nested objects. */
function badObjectSort(sort: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(sort)) {
    if (key.trim().length === 0) return JSON.stringify(key);
    if (isObject(value)) {
      const bad = badObjectSort(value);
      if (bad !== undefined) return `${key}.${bad}`;
    }
  }
  return undefined;
}

/** The part of a sort (string, array or object, as REST and GraphQL send it) that names an empty field. */
export function emptySortField(sort: unknown): string | undefined {
  if (typeof sort === 'string') return badStringSort(sort);
  if (Array.isArray(sort)) {
    for (const item of sort) {
      const bad = emptySortField(item);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  return isObject(sort) ? badObjectSort(sort) : undefined;
}

/** The sorts of a query: its own and those of its populated relations, at any depth (`populate[x][sort]`, `on`). */
function* sortsOf(query: unknown): Generator<unknown> {
  if (!isObject(query)) return;
  if ('sort' in query) yield query.sort;
  const populate = query.populate;
  if (isObject(populate)) {
    for (const value of Object.values(populate)) yield* sortsOf(value);
  }
  if (isObject(query.on)) {
    for (const value of Object.values(query.on)) yield* sortsOf(value);
  }
}

/** Throws Strapi's ValidationError (answered as a 400) for a query with a sort on an empty field name. */
export function assertSortFieldPaths(query: unknown): void {
  for (const sort of sortsOf(query)) {
    const bad = emptySortField(sort);
    if (bad !== undefined) {
      throw new errors.ValidationError(`Invalid sort "${bad.trim()}": a field name in it is empty (two dots in a row, or a dot at an end).`);
    }
  }
}

/**
 * Runs the check inside Strapi's content-API query validation, the step every REST controller
 * (`validateQuery`) and every GraphQL query and relation resolver goes through before the database.
 */
export function guardSortFieldPaths(strapi: Core.Strapi): void {
  const validate = strapi.contentAPI.validate as { query: (query: Query, ...rest: unknown[]) => Promise<void> };
  const validateQuery = validate.query;
  validate.query = async (query: Query, ...rest: unknown[]) => {
    assertSortFieldPaths(query);
    return validateQuery(query, ...rest);
  };
}
