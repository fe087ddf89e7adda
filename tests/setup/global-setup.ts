import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { compileStrapi } from '@strapi/strapi';
import { hasConfiguredDatabase, PROJECT_ROOT, startEmbeddedPostgres } from '../../scripts/embedded-database';
import { generatedSecret, SECRET_KEYS } from '../../scripts/ensure-env';

/**
 * Once per run: a database (DATABASE_URL / DATABASE_HOST when set, else a throw-away embedded
 * PostgreSQL), test secrets, and the app compiled once for every test file.
 */
export default async function globalSetup(): Promise<void> {
  for (const key of SECRET_KEYS) {
    process.env[key] ??= generatedSecret(key);
  }
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'error';
  process.env.LOG_STARTUP_BANNER = 'false';
  // Tests send many requests from one address; the rate-limit test sets its own small limit.
  process.env.RATE_LIMIT_MAX ??= '1000000';

  if (hasConfiguredDatabase()) {
    console.log(
      `\nTests use the configured PostgreSQL ` +
        `(${describe(process.env.DATABASE_URL ?? process.env.DATABASE_HOST ?? '')}).`,
    );
  } else {
    const dataDir = path.join(PROJECT_ROOT, '.tmp', `test-postgres-${process.pid}-${randomBytes(3).toString('hex')}`);
    const database = await startEmbeddedPostgres({ dataDir, database: 'newsroom_test', ephemeral: true });
    process.env.DATABASE_URL = database.url;
    (globalThis as { __newsroomDatabase?: typeof database }).__newsroomDatabase = database;
    console.log(`\nTests use an embedded PostgreSQL (${describe(database.url)}).`);
  }
  const { distDir } = await compileStrapi({ appDir: PROJECT_ROOT });
  process.env.NEWSROOM_DIST_DIR = distDir;
}

function describe(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
