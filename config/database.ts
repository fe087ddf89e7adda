import type { Core } from '@strapi/strapi';
import { parse as parseConnectionString } from 'pg-connection-string';
import { oneQueryAtATime, type QueryableConnection } from '../src/platform/operations/one-query-at-a-time';
import { settings } from '../src/platform/settings/newsroom-settings';

/**
 * PostgreSQL only. `npm run develop`, `npm start`, the scripts and the tests start an embedded
 * PostgreSQL and set DATABASE_URL when none is configured (see scripts/embedded-database.ts).
 */
const databaseConfig = (): Core.Config.Database => {
  const config = settings();
  const url = config.DATABASE_URL;
  const host = config.DATABASE_HOST;
  if (!url && !host) {
    throw new Error(
      'No database configured. Start the app with `npm run develop` or `npm start` (they start an embedded ' +
        'PostgreSQL), or set DATABASE_URL (or DATABASE_HOST, DATABASE_PORT, DATABASE_NAME, DATABASE_USERNAME, ' +
        'DATABASE_PASSWORD) to use your own PostgreSQL server.',
    );
  }
  const ssl = config.DATABASE_SSL ? { rejectUnauthorized: config.DATABASE_SSL_REJECT_UNAUTHORIZED } : false;

  const fromUrl = url ? parseConnectionString(url) : undefined;
  const connection = {
    host: fromUrl?.host ?? host,
    port: fromUrl?.port ? Number(fromUrl.port) : config.DATABASE_PORT,
    database: fromUrl?.database ?? config.DATABASE_NAME,
    user: fromUrl?.user ?? config.DATABASE_USERNAME,
    password: fromUrl?.password ?? config.DATABASE_PASSWORD,
    ssl,
    schema: config.DATABASE_SCHEMA,
  };

  // Parallel query pays off on long analytical scans; the app's statements are short, and launching workers
  // cost more than it saved (a rare search word: 9 ms with a parallel plan, 2 ms without, at 100,000
  // releases). Set to a number of workers, or to "server" to keep the server's own setting (checked in settings).
  const parallelWorkers = config.DATABASE_PARALLEL_WORKERS_PER_GATHER;
  const afterCreate = (connection: unknown, done: (error?: Error, connection?: unknown) => void) => {
    // Strapi sends some of a transaction's queries at once; each connection takes them one at a time.
    oneQueryAtATime(connection as QueryableConnection);
    if (parallelWorkers === 'server') return done(undefined, connection);
    (connection as QueryableConnection).query(
      `SET max_parallel_workers_per_gather = ${Number(parallelWorkers)}`,
      (error: Error | null) => done(error ?? undefined, connection),
    );
  };

  return {
    connection: {
      client: 'postgres',
      connection,
      pool: {
        min: 0,
        max: config.DATABASE_POOL_MAX,
        acquireTimeoutMillis: config.DATABASE_CONNECTION_TIMEOUT_MS,
        createTimeoutMillis: config.DATABASE_CONNECTION_TIMEOUT_MS,
        idleTimeoutMillis: 30_000,
        afterCreate,
      },
      acquireConnectionTimeout: config.DATABASE_CONNECTION_TIMEOUT_MS,
    },
  };
};

export default databaseConfig;
