import { Client } from 'pg';

export interface OwnDatabase {
  /** DATABASE_URL of the new database. */
  url: string;
  /** Drops the database (the app on it must be stopped first). */
  drop(): Promise<void>;
}

/** The test run's database server as DATABASE_URL or DATABASE_HOST and its parts name it. */
function serverUrl(): URL {
  if (process.env.DATABASE_URL) return new URL(process.env.DATABASE_URL);
  const url = new URL(`postgres://${process.env.DATABASE_HOST ?? '127.0.0.1'}:${process.env.DATABASE_PORT ?? 5432}`);
  url.username = process.env.DATABASE_USERNAME ?? 'postgres';
  url.password = process.env.DATABASE_PASSWORD ?? '';
  return url;
}

async function onServer(sql: string): Promise<void> {
  const url = serverUrl();
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * An empty database of a test's own on the run's server, for what needs a newsroom nobody has used yet (no admin
 * account: the first-admin registration). Whatever an earlier run left under that name is dropped first.
 */
export async function createOwnDatabase(name: string): Promise<OwnDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await onServer(`CREATE DATABASE ${name}`);
  const url = serverUrl();
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
