import type { Core } from '@strapi/strapi';
import { isDatabaseConnectionError } from '../platform/operations/database-errors';
import { databaseAnswers } from '../platform/operations/database-probe';

interface OutageContext {
  path: string;
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

const PROBE_TIMEOUT_MS = 1000;
const RETRY_AFTER_SECONDS = '5';
const INTERNAL_ERROR_MARK = '"code":"INTERNAL_SERVER_ERROR"';

/**
 * When PostgreSQL is down, requests fail in many shapes: a 500 from a query, a 401 from the permission check
 * that could not read the public role, a GraphQL answer with errors. Any failed request is checked against the database
 * (a failure is rare,
 * so the probe costs nothing on the normal path); when the database does not answer, the client gets a
 * clear 503 with Retry-After instead, as it does for an error that names a lost connection. Nothing is retried here:
 * the pool reconnects by itself once the
 * database is back.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let outageLogged = false;
  const unavailable = async (ctx: OutageContext, connectionLost = false): Promise<boolean> => {
    if (!connectionLost && (await databaseAnswers(strapi, PROBE_TIMEOUT_MS))) {
      if (outageLogged) strapi.log.info('The database answers again.');
      outageLogged = false;
      return false;
    }
    if (!outageLogged) strapi.log.error('The database does not answer: requests get 503 until it is back.');
    outageLogged = true;
    ctx.status = 503;
    ctx.set('Retry-After', RETRY_AFTER_SECONDS);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      data: null,
      error: {
        status: 503,
        name: 'ServiceUnavailableError',
        message: 'The database is unavailable; try again shortly.',
        details: {},
      },
    };
    return true;
  };

  // GraphQL answers a failed resolver with 200 and an `errors` list (Apollo), not with a 5xx. Only an
  // unexpected error (formatted as INTERNAL_SERVER_ERROR by graphql-error-format) is worth a probe: a client's
  // own mistakes (bad arguments, forbidden fields) must not make it query the database.
  const graphqlEndpoint = String(strapi.config.get('plugin::graphql.endpoint', '/graphql'));
  const graphqlErrors = (ctx: OutageContext) => {
    if (ctx.path !== graphqlEndpoint || ctx.status !== 200) return false;
    // A cached answer is a Buffer: searched as bytes, not copied into a string on every hit.
    const body =
      typeof ctx.body === 'string' || Buffer.isBuffer(ctx.body) ? ctx.body : JSON.stringify(ctx.body ?? null);
    return body.includes(INTERNAL_ERROR_MARK);
  };

  return async (ctx: OutageContext, next: () => Promise<unknown>) => {
    try {
      await next();
    } catch (error) {
      if (await unavailable(ctx, isDatabaseConnectionError(error))) return;
      throw error;
    }
    if ((ctx.status === 401 || ctx.status >= 500 || graphqlErrors(ctx)) && ctx.path !== '/api/ready')
      await unavailable(ctx);
  };
};
