import { brotliDecompressSync } from 'node:zlib';
import { encodeAll } from '../../src/delivery/http-cache/content-encoding';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type Redis from 'ioredis';
import { RedisResponseCache } from '../../src/delivery/http-cache/redis-response-cache';
import { RedisConnections, type RedisLog } from '../../src/platform/redis/redis-connection';
import {
  deleteKeys,
  describeWithRedis,
  REDIS_REQUIRED,
  redisReachable,
  TEST_REDIS_URL,
  testRedisClient,
} from '../helpers/redis';
import { eventually, untilPast } from '../helpers/eventually';

const PREFIX = `newsroom-test-${randomBytes(4).toString('hex')}:`;
const settings = { enabled: true, ttlMs: 60_000, maxEntries: 100 };
const entry = {
  body: '{"data":[]}',
  type: 'application/json; charset=utf-8',
  etag: '"e1"',
  headers: { 'Content-Language': 'ru' },
};

const quietLog = (): RedisLog & { warn: jest.Mock; info: jest.Mock } => ({ warn: jest.fn(), info: jest.fn() });

/** One app instance's worth: its own connections and cache, as two app processes would have. */
function instance(url: string = TEST_REDIS_URL, log: RedisLog = quietLog()) {
  const connections = new RedisConnections({ url, prefix: PREFIX }, log);
  const cache = new RedisResponseCache({
    client: connections.shared,
    subscriber: connections.open('subscriber'),
    prefix: PREFIX,
    settings,
    log,
  });
  return { connections, cache, close: async () => (cache.stop(), await connections.close()) };
}

describeWithRedis('RedisResponseCache (against the real Redis)', () => {
  let redis: Redis;
  let one: ReturnType<typeof instance>;
  let two: ReturnType<typeof instance>;

  beforeAll(async () => {
    if (REDIS_REQUIRED && !redisReachable())
      throw new Error(`Redis is required (CI or REQUIRE_REDIS=1) but does not answer at ${TEST_REDIS_URL}`);
    redis = testRedisClient();
    one = instance();
    two = instance();
    await eventually(
      () => one.cache.generation !== undefined && two.cache.generation !== undefined,
      'both caches learn the generation',
    );
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    if (redis) {
      await deleteKeys(redis, PREFIX);
      await redis.quit();
    }
  });

  it('serves on one instance what the other stored (from Redis, under the generation, with a TTL)', async () => {
    const generation = one.cache.generation!;
    await one.cache.set('/api/press-releases?locale=ru', entry, generation);
    expect(await redis.pttl(`${PREFIX}cache:${generation}:/api/press-releases?locale=ru`)).toBeGreaterThan(59_000);
    const served = await two.cache.get('/api/press-releases?locale=ru');
    expect(served).toMatchObject(entry);
    const binary = Buffer.from([0, 10, 255, 13]);
    await one.cache.set('/bytes', { ...entry, body: binary }, generation);
    expect((await two.cache.get('/bytes'))?.body).toEqual(binary);
    // Compressed variants travel with the entry, so the other instance never compresses either.
    const text = Buffer.from('{"data":"' + 'Баку и Найроби '.repeat(200) + '"}');
    const variants = await encodeAll(text);
    await one.cache.set('/compressed', { ...entry, body: text, variants }, generation);
    const compressed = await two.cache.get('/compressed');
    expect(compressed?.variants).toEqual(variants);
    expect(brotliDecompressSync(compressed!.variants!.br!.body).equals(text)).toBe(true);
    expect(compressed?.body).toEqual(text);
  });

  it('a clear on one instance reaches the other within a second, and a stale write is never served', async () => {
    await one.cache.set('/a', entry, one.cache.generation!);
    expect(await two.cache.get('/a')).toBeDefined();
    const before = two.cache.generation!;
    await one.cache.clear();
    await eventually(
      () => two.cache.generation !== undefined && two.cache.generation > before,
      'the other instance learns the clear',
    );
    expect(await two.cache.get('/a')).toBeUndefined();
    // A response computed before the clear: the cache refuses it, and had it reached Redis it would sit
    // under the old generation, which nobody reads any more.
    await two.cache.set('/stale', entry, before);
    await redis.set(`${PREFIX}cache:${before}:/stale`, 'not served', 'PX', 10_000);
    expect(await two.cache.get('/stale')).toBeUndefined();
    expect(await one.cache.get('/stale')).toBeUndefined();
  });

  it('a clear takes effect on its own instance at once, before Redis answers', async () => {
    await one.cache.set('/b', entry, one.cache.generation!);
    const clearing = one.cache.clear();
    expect(one.cache.generation).toBeUndefined();
    expect(await one.cache.get('/b')).toBeUndefined();
    await clearing;
    expect(one.cache.generation).toBeDefined();
  });

  it('keeps no entry past the next embargo end, and the end clears the cache', async () => {
    const generation = one.cache.generation!;
    const horizon = Date.now() + 5000;
    one.cache.setEmbargoHorizon(horizon, generation);
    await one.cache.set('/embargo', entry, generation);
    expect(await redis.pttl(`${PREFIX}cache:${generation}:/embargo`)).toBeLessThanOrEqual(5000);
    expect(await one.cache.get('/embargo')).toBeDefined();
    await untilPast(horizon);
    expect(await one.cache.get('/embargo')).toBeUndefined();
    await eventually(
      () => one.cache.generation !== undefined && one.cache.generation > generation,
      'the embargo end bumps the generation',
    );
  });

  it(
    'without Redis: answers with no cache, warns once, ' + 'and recovers (a clear made meanwhile is not lost)',
    async () => {
      // A TCP proxy in front of Redis stands for the network: closing it is an outage.
      const target = new URL(TEST_REDIS_URL);
      const sockets = new Set<net.Socket>();
      const proxy = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => socket.destroy());
          socket.on('close', () => sockets.delete(socket));
        }
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const port = (proxy.address() as net.AddressInfo).port;
      const proxied = new URL(TEST_REDIS_URL);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      const log = quietLog();
      const flaky = instance(proxied.toString(), log);
      try {
        await eventually(() => flaky.cache.generation !== undefined, 'the proxied cache learns the generation');
        await flaky.cache.set('/c', entry, flaky.cache.generation!);
        const before = flaky.cache.generation!;

        await new Promise<void>((resolve) => {
          proxy.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
        await eventually(() => flaky.cache.generation === undefined, 'the cache stops serving');
        for (let i = 0; i < 5; i += 1) {
          expect(await flaky.cache.get('/c')).toBeUndefined();
          await flaky.cache.set('/c', entry, before);
        }
        await flaky.cache.clear(); // a write meanwhile: it must not be forgotten
        await new Promise((resolve) => setTimeout(resolve, 1200)); // several reconnection attempts
        expect(log.warn).toHaveBeenCalledTimes(1);
        expect(log.warn.mock.calls[0][0]).toMatch(/unreachable/);

        await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
        await eventually(() => flaky.cache.generation !== undefined, 'the cache recovers');
        expect(flaky.cache.generation).toBeGreaterThan(before); // the owed clear reached Redis
        expect(await flaky.cache.get('/c')).toBeUndefined();
        expect(log.info).toHaveBeenCalledWith(expect.stringMatching(/reachable again/));
      } finally {
        await flaky.close();
        for (const socket of sockets) socket.destroy();
        proxy.close();
      }
    },
  );
});
