import { Client } from 'pg';

/** The URL without its password, for messages. */
export function redactedDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Waits (bounded) until PostgreSQL at `url` accepts a connection, so that an app started next to its
 * database (containers, a booting server) does not fail at once, and one started against a database that
 * never comes fails with a clear message instead of a stack trace.
 */
export async function waitForDatabase(
  url: string,
  timeoutSeconds: number,
  log: (line: string) => void = () => undefined,
  ssl?: { rejectUnauthorized: boolean },
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let lastError = '';
  let announced = false;
  for (;;) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000, ...(ssl ? { ssl } : {}) });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      lastError = (error as Error).message;
    }
    if (Date.now() >= deadline) break;
    if (!announced)
      log(`Waiting up to ${timeoutSeconds} s for PostgreSQL at ${redactedDatabaseUrl(url)} (${lastError})…`);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(
    `Cannot reach PostgreSQL at ${redactedDatabaseUrl(url)}: ${lastError} (tried for ${timeoutSeconds} s). ` +
      'Start the database server, or fix DATABASE_URL / DATABASE_HOST…; unset them to use the embedded PostgreSQL.',
  );
}
