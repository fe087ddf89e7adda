import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Strapi's content-API validation passes queries that its query builder then fails on (a 500 on REST, an
 * internal error on GraphQL): a sort with an empty name in its field path (`sort=..`, `sort=headline.`), an
 * empty `fields=`, a name every object inherits (`fields=constructor`, `populate[x]=constructor.name`:
 * Strapi looks attributes up by name and finds those), a `$between` without two values and a sort on a relation or
 * component path with an order that is not asc or desc (`sort=topics.name:sideways`). These checks
 * refuse them first, with a 400 (REST) or BAD_USER_INPUT (GraphQL).
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

const SORT_ORDERS = new Set(['asc', 'desc', 'ASC', 'DESC']);

/** The first order, in a sort of any shape, that is not asc or desc (Strapi checks top-level fields only). */
export function badSortOrder(sort: unknown): string | undefined {
  if (typeof sort === 'string') {
    return sort
      .split(',')
      .map((segment) => segment.split(':'))
      .find((parts) => parts.length > 1 && !SORT_ORDERS.has(parts.slice(1).join(':').trim()))
      ?.join(':');
  }
  if (Array.isArray(sort)) return sort.map(badSortOrder).find((bad) => bad !== undefined);
  if (!isObject(sort)) return undefined;
  for (const [key, value] of Object.entries(sort)) {
    if (typeof value === 'string' && !SORT_ORDERS.has(value.trim())) return `${key}:${value}`;
    const nested = isObject(value) ? badSortOrder(value) : undefined;
    if (nested !== undefined) return `${key}.${nested}`;
  }
  return undefined;
}

/** The field paths a sort names, in order (`topics.name:asc,headline` → topics.name, headline), in any shape. */
function sortPaths(sort: unknown, prefix = ''): string[] {
  if (typeof sort === 'string') {
    return sort
      .split(',')
      .map((segment) => segment.split(':')[0].trim())
      .filter(Boolean)
      .map((path) => `${prefix}${path}`);
  }
  if (Array.isArray(sort)) return sort.flatMap((item) => sortPaths(item, prefix));
  if (!isObject(sort)) return [];
  return Object.entries(sort).flatMap(([key, value]) =>
    isObject(value) ? sortPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/**
 * A field a sort names twice when it also sorts by a relation or component path: Strapi's query then selects that
 * column twice under one name in its subquery, which PostgreSQL refuses (a 500). Named twice, a field sorts nothing
 * more the second time.
 */
export function repeatedSortField(sort: unknown): string | undefined {
  const paths = sortPaths(sort);
  if (!paths.some((path) => path.includes('.'))) return undefined;
  return paths.find((path, index) => paths.indexOf(path) !== index);
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

/** `constructor`, `__proto__`, `toString`…: found on any object, so on Strapi's attribute maps too. */
const inheritedName = (name: string) => name in Object.prototype;

/** Every field name a query level mentions: in its sort, fields, filters (at any depth) and populate. */
function* namesIn(level: Record<string, unknown>): Generator<string> {
  const { sort, fields, filters, populate } = level;
  for (const part of [sort].flat()) {
    if (typeof part === 'string') {
      for (const segment of part.split(','))
        yield* segment
          .split(':')[0]
          .split('.')
          .map((name) => name.trim());
    } else if (isObject(part)) yield* keysDeep(part);
  }
  for (const field of typeof fields === 'string' ? fields.split(',') : Array.isArray(fields) ? fields : []) {
    if (typeof field === 'string') yield field.trim();
  }
  yield* filterNames(filters);
  // populate: 'a,b.c', ['a', 'b.c'] or { a: true, b: 'c.d', c: { … } } (nested objects are levels of their own)
  const paths = (value: unknown): string[] =>
    typeof value === 'string' ? value.split(',').flatMap((path) => path.split('.')) : [];
  if (isObject(populate)) {
    for (const [key, value] of Object.entries(populate)) yield* [key, ...paths(value)];
  } else {
    for (const path of [populate].flat()) yield* paths(path);
  }
}

/** Whether filters hold (at any depth) a `$between` without exactly two values: knex throws on it. */
function badBetween(filters: unknown): boolean {
  if (Array.isArray(filters)) return filters.some(badBetween);
  if (!isObject(filters)) return false;
  return Object.entries(filters).some(([key, value]) =>
    key === '$between' ? !(Array.isArray(value) && value.length === 2) : badBetween(value),
  );
}

/** The keys of nested objects and arrays, descending only under keys `descend` accepts. */
function* keysDeep(value: unknown, descend: (key: string) => boolean = () => true): Generator<string> {
  if (Array.isArray(value)) {
    for (const item of value) yield* keysDeep(item, descend);
  } else if (isObject(value)) {
    for (const [key, nested] of Object.entries(value)) {
      yield key;
      if (descend(key)) yield* keysDeep(nested, descend);
    }
  }
}

const LOGICAL_OPERATORS = new Set(['$and', '$or', '$not']);

/** The attribute names of filters (`{ topics: { name: { $eq } } }`, `$and`/`$or`/`$not`), not their values. */
const filterNames = (filters: unknown) =>
  keysDeep(filters, (key) => !key.startsWith('$') || LOGICAL_OPERATORS.has(key));

/** Throws Strapi's ValidationError (answered as a 400) for an empty or inherited field name, or an empty `fields`. */
export function assertQueryFieldNames(query: unknown): void {
  for (const level of levelsOf(query)) {
    const bad = emptySortField(level.sort);
    if (bad !== undefined) {
      throw new errors.ValidationError(
        `Invalid sort "${bad.trim()}": a field name in it is empty (two dots in a row, or a dot at an end).`,
      );
    }
    const repeated = repeatedSortField(level.sort);
    if (repeated !== undefined) {
      throw new errors.ValidationError(`Invalid sort: it names "${repeated}" twice; name each field once.`);
    }
    const badOrder = badSortOrder(level.sort);
    if (badOrder !== undefined) {
      throw new errors.ValidationError(`Invalid sort "${badOrder.trim()}": the order can only be asc or desc.`);
    }
    if (typeof level.fields === 'string' && level.fields.trim().length === 0) {
      throw new errors.ValidationError('Invalid fields "": name at least one field, or leave fields out.');
    }
    if (badBetween(level.filters))
      throw new errors.ValidationError('Invalid filter: $between takes exactly two values ([0] and [1]).');
    for (const name of namesIn(level)) {
      if (inheritedName(name)) throw new errors.ValidationError(`Invalid key ${name}: no field has that name.`);
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
