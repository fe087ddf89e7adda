import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Strapi's content-API validation passes two queries its query builder then fails on (a 500 on REST, an
 * internal error on GraphQL): a sort whose field path has an empty name in it (`sort=..`, `sort=headline.`,
 * `sort=.slug`) and an empty `fields=`. These checks refuse them first, with a 400 (REST) or BAD_USER_INPUT
 * (GraphQL).
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

/** A query and those of its populated relations, at any depth (`populate[x][sort]`, dynamic-zone `on`). */
function* levelsOf(query: unknown): Generator<Record<string, unknown>> {
  if (!isObject(query)) return;
  yield query;
  for (const nested of [query.populate, query.on]) {
    if (isObject(nested)) {
      for (const value of Object.values(nested)) yield* levelsOf(value);
    }
  }
}

/** Throws Strapi's ValidationError (answered as a 400) for a sort on an empty field name or an empty `fields`. */
export function assertQueryFieldNames(query: unknown): void {
  for (const level of levelsOf(query)) {
    const bad = emptySortField(level.sort);
    if (bad !== undefined) {
      throw new errors.ValidationError(`Invalid sort "${bad.trim()}": a field name in it is empty (two dots in a row, or a dot at an end).`);
    }
    if (typeof level.fields === 'string' && level.fields.trim().length === 0) {
      throw new errors.ValidationError('Invalid fields "": name at least one field, or leave fields out.');
    }
  }
}

/**
 * Runs the check inside Strapi's content-API query validation, the step every REST controller
 * (`validateQuery`) and every GraphQL query and relation resolver goes through before the database.
 */
export function guardQueryFieldNames(strapi: Core.Strapi): void {
  const validate = strapi.contentAPI.validate as { query: (query: Query, ...rest: unknown[]) => Promise<void> };
  const validateQuery = validate.query;
  validate.query = async (query: Query, ...rest: unknown[]) => {
    assertQueryFieldNames(query);
    return validateQuery(query, ...rest);
  };
}
