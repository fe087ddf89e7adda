/**
 * Boots the Newsroom Strapi app without its HTTP server, for command-line tasks (import, seed), on the
 * configured database or the embedded one, and shuts everything down afterwards.
 */
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import dotenv from 'dotenv';
import { databaseSettled } from './database-settled';
import { ensureDatabase, PROJECT_ROOT } from './embedded-database';

export class UsageError extends Error {}

export async function runWithNewsroom<T>(task: (strapi: Core.Strapi) => Promise<T>): Promise<T> {
  // ENV_PATH as Strapi reads it (the tests point it at their own file).
  dotenv.config({ path: process.env.ENV_PATH ?? path.join(PROJECT_ROOT, '.env'), quiet: true });
  process.env.SEED_ON_START = 'false';
  process.env.LOG_LEVEL ??= 'error';
  process.env.LOG_STARTUP_BANNER = 'false';
  const database = await ensureDatabase();
  let app: Core.Strapi | undefined;
  try {
    // NEWSROOM_DIST_DIR: this tree already compiled (the tests and the bench compile once, then run many commands).
    const compiled = process.env.NEWSROOM_DIST_DIR;
    const dirs = compiled
      ? { appDir: PROJECT_ROOT, distDir: compiled }
      : await compileStrapi({ appDir: PROJECT_ROOT, ignoreDiagnostics: false });
    app = await createStrapi({ ...dirs, autoReload: false, serveAdminPanel: false }).load();
    const result = await task(app);
    await databaseSettled(app);
    return result;
  } finally {
    await app?.destroy();
    await database.stop();
  }
}

/** Runs a CLI main: prints a readable message (no stack trace) and sets a non-zero exit code on failure. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`error: ${message}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
