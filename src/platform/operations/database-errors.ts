import { errors } from '@strapi/utils';

/** PostgreSQL error classes and codes that mean "the database is not reachable", not "the request is wrong". */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
]);
const CONNECTION_MESSAGES = new RegExp(
  'Connection terminated|Connection ended unexpectedly|Timeout acquiring a connection|' +
    'the database system is (starting up|shutting down)|terminating connection due to administrator command',
  'i',
);

/** Whether an error (or one it wraps) says the database connection failed. */
export function isDatabaseConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const { code, message, name, cause } = current as {
      code?: unknown;
      message?: unknown;
      name?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
    if (name === 'KnexTimeoutError') return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    current = cause;
  }
  return false;
}

/**
 * PostgreSQL's answers to a value or operator a client chose, as Strapi's validation lets some through:
 * `invalid input syntax for type integer` (`filters[id][$eq]=abc`), a number or date out of range
 * (`pagination[start]=1e20`), a bad LIMIT/OFFSET, and a text operator on another type
 * (`filters[issuedAt][$contains]=2026`: `operator does not exist: date ~~ unknown`). Strapi's own check of a
 * number filter value (`filters[cover][size][$gt]=x`) fails the same way, before PostgreSQL.
 */
const CLIENT_VALUE_CODES = new Set(['22P02', '22003', '22007', '22008', '2201W', '2201X']);

/**
 * Such an error as Strapi's ValidationError (a 400 on REST, BAD_USER_INPUT on GraphQL), without the SQL that
 * knex puts in the message; any other error is left alone.
 */
export function inputErrorFromDatabase(error: unknown): errors.ValidationError | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === '42883' && /operator does not exist/.test(String(message))) {
    return new errors.ValidationError(
      'An operator in the filters does not apply to the type of the field it is used on.',
    );
  }
  // Strapi's own conversion of a filter value for a number column (media `size`, `width`), before PostgreSQL.
  const strapiType = /^Expected a valid (Number|BigInteger), got /.exec(String(message))?.[1];
  if (strapiType)
    return new errors.ValidationError(
      `A value in the query does not fit the field it is compared with (${strapiType.toLowerCase()}): ` +
        `check the filters.`,
    );
  if (typeof code !== 'string' || !CLIENT_VALUE_CODES.has(code)) return undefined;
  const type = /for type ([a-z ]+?)(?::|$)/.exec(String(message))?.[1];
  return new errors.ValidationError(
    `A value in the query does not fit the field it is compared with${type ? ` (${type})` : ''}: ` +
      `check the filters and pagination.`,
  );
}
