import { errors } from '@strapi/utils';

/** PostgreSQL error classes and codes that mean "the database is not reachable", not "the request is wrong". */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03']);
const CONNECTION_MESSAGES = /Connection terminated|Connection ended unexpectedly|Timeout acquiring a connection|the database system is (starting up|shutting down)|terminating connection due to administrator command/i;

/** Whether an error (or one it wraps) says the database connection failed. */
export function isDatabaseConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const { code, message, name, cause } = current as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown };
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
    if (name === 'KnexTimeoutError') return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    current = cause;
  }
  return false;
}

/**
 * A PostgreSQL "data exception" (SQLSTATE class 22: `invalid input syntax for type integer`, a number out of
 * range, a bad date) raised by a query means a value the client sent does not fit its column; Strapi's
 * validation lets some through (`filters[id][$eq]=abc`, `pagination[start]=1e20`). As Strapi's
 * ValidationError (a 400 on REST, BAD_USER_INPUT on GraphQL), without the SQL that knex puts in the message.
 */
export function inputErrorFromDatabase(error: unknown): errors.ValidationError | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !/^22[0-9A-Z]{3}$/.test(code)) return undefined;
  const type = /for type ([a-z ]+?)(?::|$)/.exec(String(message))?.[1];
  return new errors.ValidationError(
    `A value in the query does not fit the field it is compared with${type ? ` (${type})` : ''}: check the filters and pagination.`,
  );
}
