import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { expectWindowEnd } from '../helpers/rate-limit';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { deleteKeys, describeWithRedis, TEST_REDIS_URL, testRedisClient } from '../helpers/redis';

const LIMIT = 6;
const prefix = `newsroom-test-${randomBytes(4).toString('hex')}:`;
const saved = { ...process.env };

async function withApp(env: Record<string, string>, body: (app: Core.Strapi) => Promise<void>): Promise<void> {
  Object.assign(process.env, { RATE_LIMIT_MAX: String(LIMIT), RATE_LIMIT_WINDOW_SECONDS: '120' }, env);
  const app = await startNewsroom();
  try {
    await body(app);
  } finally {
    await stopNewsroom(app);
    process.env = { ...saved };
  }
}

async function statuses(app: Core.Strapi, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i += 1) seen.push((await api(app).get('/api/topics')).status);
  return seen;
}

afterAll(async () => {
  const redis = testRedisClient();
  await deleteKeys(redis, prefix);
  await redis.quit();
});

describeWithRedis('rate limit shared through Redis (REDIS_URL)', () => {
  it('counts every instance against one allowance, kept in Redis', async () => {
    await withApp({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix }, async (app) => {
      const first = await api(app).get('/api/topics');
      expect(first.status).toBe(200);
      expectWindowEnd(first.headers, 120);
      expect(await statuses(app, LIMIT - 1)).toEqual(Array(LIMIT - 1).fill(200));
      expect((await api(app).get('/api/topics')).status).toBe(429);
    });
    const redis = testRedisClient();
    const keys = await redis.keys(`${prefix}rate-limit*`);
    await redis.quit();
    expect(keys.length).toBeGreaterThan(0);
    // Another instance (here: the app started again) sees the same count.
    await withApp({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix }, async (app) => {
      const limited = await api(app).get('/api/topics');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});

describe('rate limit with Redis unreachable', () => {
  it('serves requests without the limit (fail open) instead of failing them', async () => {
    await withApp({ REDIS_URL: 'redis://127.0.0.1:9', REDIS_PREFIX: prefix }, async (app) => {
      expect(await statuses(app, LIMIT + 3)).toEqual(Array(LIMIT + 3).fill(200));
    });
  });
});
