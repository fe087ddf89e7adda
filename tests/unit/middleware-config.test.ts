import middlewares from '../../config/middlewares';
import database from '../../config/database';

type Entry = string | { name: string; config: Record<string, unknown> };

/** Runs a config function with these variables in the environment (as Strapi does at start), then puts it back. */
function withEnvironment<T>(vars: Record<string, string>, read: () => T): T {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    return read();
  } finally {
    for (const name of Object.keys(vars)) if (saved[name] === undefined) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

function configFor(vars: Record<string, string>): Entry[] {
  return withEnvironment(vars, () => middlewares() as Entry[]);
}

function options(entries: Entry[], name: string): Record<string, unknown> {
  const entry = entries.find((item) => typeof item === 'object' && item.name === name);
  if (!entry || typeof entry === 'string') throw new Error(`${name} is not configured`);
  return entry.config;
}

describe('middleware configuration', () => {
  it('sends HSTS in production only', () => {
    expect(options(configFor({ NODE_ENV: 'production' }), 'strapi::security').hsts).toEqual({
      maxAge: 31536000,
      includeSubDomains: true,
    });
    expect(options(configFor({ NODE_ENV: 'development' }), 'strapi::security').hsts).toBe(false);
  });

  it('never combines a wildcard origin with credentials', () => {
    expect(options(configFor({}), 'strapi::cors')).toEqual({ origin: '*', credentials: false });
    expect(options(configFor({ CORS_ORIGINS: '*' }), 'strapi::cors')).toEqual({ origin: '*', credentials: false });
    expect(options(configFor({ CORS_ORIGINS: 'https://a.example, https://b.example' }), 'strapi::cors')).toEqual({
      origin: ['https://a.example', 'https://b.example'],
      credentials: true,
    });
  });

  it('puts security headers and CORS ahead of the rate limit and the response cache', () => {
    const names = configFor({}).map((entry) => (typeof entry === 'string' ? entry : entry.name));
    const at = (name: string) => names.indexOf(name);
    expect(at('strapi::security')).toBeLessThan(at('global::public-rate-limit'));
    expect(at('strapi::cors')).toBeLessThan(at('global::public-rate-limit'));
    expect(at('global::public-rate-limit')).toBeLessThan(at('global::public-http-cache'));
  });

  it('gates GraphQL execution after the response cache, so that a cached answer never waits', () => {
    const names = configFor({}).map((entry) => (typeof entry === 'string' ? entry : entry.name));
    expect(names.indexOf('global::graphql-concurrency')).toBeGreaterThan(names.indexOf('global::public-http-cache'));
  });
});

describe('database configuration', () => {
  type AfterCreate = (connection: unknown, done: (error?: Error, connection?: unknown) => void) => void;
  const databaseConfigFor = (vars: Record<string, string>) =>
    withEnvironment(vars, () => database() as { connection: { pool: { afterCreate: AfterCreate } } });
  const url = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

  /** What the pool does with a new connection: the statements it sends, and whether it hands it over. */
  async function setUpConnection(vars: Record<string, string>) {
    const sent: string[] = [];
    const send = (text: string, callback: (error: Error | null) => void) => {
      sent.push(text);
      callback(null);
    };
    const connection = { query: send };
    const handedOver = await new Promise((resolve, reject) =>
      databaseConfigFor(vars).connection.pool.afterCreate(connection, (error, given) =>
        error ? reject(error) : resolve(given === connection),
      ),
    );
    return { sent, handedOver, queued: connection.query !== send };
  }

  it('sets parallel workers per connection unless told to keep the server setting, and refuses nonsense', async () => {
    expect((await setUpConnection(url)).sent).toEqual(['SET max_parallel_workers_per_gather = 0']);
    expect((await setUpConnection({ ...url, DATABASE_PARALLEL_WORKERS_PER_GATHER: '2' })).sent).toEqual([
      'SET max_parallel_workers_per_gather = 2',
    ]);
    expect((await setUpConnection({ ...url, DATABASE_PARALLEL_WORKERS_PER_GATHER: 'server' })).sent).toEqual([]);
    expect(() => databaseConfigFor({ ...url, DATABASE_PARALLEL_WORKERS_PER_GATHER: '1; DROP TABLE x' })).toThrow(
      /DATABASE_PARALLEL_WORKERS_PER_GATHER="1; DROP TABLE x": expected a number of workers/,
    );
  });

  it('hands every new connection over with a query queue of its own (one query at a time)', async () => {
    for (const workers of ['0', 'server']) {
      const { handedOver, queued } = await setUpConnection({ ...url, DATABASE_PARALLEL_WORKERS_PER_GATHER: workers });
      expect({ workers, handedOver, queued }).toEqual({ workers, handedOver: true, queued: true });
    }
  });
});
