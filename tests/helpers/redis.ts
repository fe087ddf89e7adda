import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Redis from 'ioredis';

/**
 * The Redis the Redis tests use: TEST_REDIS_URL (CI gives a run beside another a database of its own), else
 * REDIS_URL, else the project machines' local one.
 */
export const TEST_REDIS_URL =
  process.env.TEST_REDIS_URL?.trim() || process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379';

/** CI (or REQUIRE_REDIS=1) turns a missing Redis into a failure instead of a skip. */
export const REDIS_REQUIRED =
  Boolean(process.env.CI && process.env.CI !== 'false') || process.env.REQUIRE_REDIS === '1';

/**
 * Whether Redis answers PING, decided synchronously (a short child process) so that a test file can choose
 * between `describe` and `describe.skip` while Jest collects it.
 */
export function redisReachable(url: string = TEST_REDIS_URL): boolean {
  const probe = `
    const Redis = require('ioredis');
    const redis = new Redis(process.argv[1],
      { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => {});
    redis.connect().then(() => redis.ping()).then(() => process.exit(0), () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', probe, url], {
    cwd: path.resolve(__dirname, '..', '..'),
    timeout: 5000,
    stdio: 'ignore',
  });
  return result.status === 0;
}

/**
 * `describe` when Redis is reachable (or required, so that its absence fails), else `describe.skip` with a
 * plain warning that the tests were skipped.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisReachable() || REDIS_REQUIRED) {
    describe(name, body);
    return;
  }
  console.warn(
    `SKIPPED "${name}": no Redis answers at ${TEST_REDIS_URL}. ` +
      `Start one (or set REDIS_URL); with CI or REQUIRE_REDIS=1 this is a failure.`,
  );
  describe.skip(name, body);
}

/** A plain client for the test itself (inspecting and removing keys). */
export function testRedisClient(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
}

/** Removes every key under a prefix. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * Redis for a test file of several app instances: a key prefix of its own, the settings each instance is given, a
 * client to clean up with; a failure when Redis is required (CI) and does not answer.
 */
export function redisForInstances(run: string) {
  if (REDIS_REQUIRED && !redisReachable())
    throw new Error(`Redis is required (CI or REQUIRE_REDIS=1) but does not answer at ${TEST_REDIS_URL}`);
  const prefix = `newsroom-test-${run}:`;
  const client = testRedisClient();
  return {
    settings: { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix },
    async cleanUp(): Promise<void> {
      await deleteKeys(client, prefix);
      await client.quit();
    },
  };
}
