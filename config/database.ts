import type { Core } from '@strapi/strapi';
import { parse as parseConnectionString } from 'pg-connection-string';

/**
 * PostgreSQL only. `npm run develop`, `npm start`, the scripts and the tests start an embedded
 * PostgreSQL and set DATABASE_URL when none is configured (see scripts/embedded-database.ts).
 */
const databaseConfig = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const url = env('DATABASE_URL', '');
  const host = env('DATABASE_HOST', '');
  if (!url && !host) {
    throw new Error(
      'No database configured. Start the app with `npm run develop` or `npm start` (they start an embedded ' +
        'PostgreSQL), or set DATABASE_URL (or DATABASE_HOST, DATABASE_PORT, DATABASE_NAME, DATABASE_USERNAME, ' +
        'DATABASE_PASSWORD) to use your own PostgreSQL server.',
    );
  }
  const ssl = env.bool('DATABASE_SSL', false)
    ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) }
    : false;

  const fromUrl = url ? parseConnectionString(url) : undefined;
  const connection = {
    host: fromUrl?.host ?? host,
    port: fromUrl?.port ? Number(fromUrl.port) : env.int('DATABASE_PORT', 5432),
    database: fromUrl?.database ?? env('DATABASE_NAME', 'newsroom'),
    user: fromUrl?.user ?? env('DATABASE_USERNAME', 'postgres'),
    password: fromUrl?.password ?? env('DATABASE_PASSWORD', ''),
    ssl,
    schema: env('DATABASE_SCHEMA', 'public'),
  };

  // Parallel query pays off on long analytical scans; the app's statements are short, and launching workers
  // cost more than it saved (a rare search word: 9 ms with a parallel plan, 2 ms without, at 100,000
  // releases). Set to a number of workers, or to "server" to keep the server's own setting.
  const parallelWorkers = env('DATABASE_PARALLEL_WORKERS_PER_GATHER', '0');
  if (parallelWorkers !== 'server' && !/^[0-9]{1,3}$/.test(parallelWorkers)) {
    throw new Error(`DATABASE_PARALLEL_WORKERS_PER_GATHER must be a number of workers or "server" (got "${parallelWorkers}").`);
  }
  type PgConnection = { query(sql: string, callback: (error: Error | null) => void): void };
  const afterCreate =
    parallelWorkers === 'server'
      ? undefined
      : (connection: unknown, done: (error?: Error, connection?: unknown) => void) =>
          (connection as PgConnection).query(`SET max_parallel_workers_per_gather = ${Number(parallelWorkers)}`, (error) => done(error ?? undefined, connection));

  return {
    connection: {
      client: 'postgres',
      connection,
      pool: {
        min: env.int('DATABASE_POOL_MIN', 0),
        max: env.int('DATABASE_POOL_MAX', 10),
        acquireTimeoutMillis: env.int('DATABASE_ACQUIRE_TIMEOUT_MS', 10_000),
        createTimeoutMillis: env.int('DATABASE_CREATE_TIMEOUT_MS', 10_000),
        idleTimeoutMillis: env.int('DATABASE_IDLE_TIMEOUT_MS', 30_000),
        ...(afterCreate ? { afterCreate } : {}),
      },
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT_MS', 10_000),
    },
  };
};

export default databaseConfig;
