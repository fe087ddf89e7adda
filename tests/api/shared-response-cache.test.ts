import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type Redis from 'ioredis';
import request from 'supertest';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';
import {
  deleteKeys,
  describeWithRedis,
  REDIS_REQUIRED,
  redisReachable,
  TEST_REDIS_URL,
  testRedisClient,
} from '../helpers/redis';
import { eventually } from '../helpers/eventually';

/**
 * Issue 5: with REDIS_URL, two app instances on one database share the response cache. Instance A runs in
 * this process (writes go through its document service, as the admin panel's do); instance B is a separate
 * process reached over HTTP, so whatever B knows it learned from Redis.
 */
const RUN = randomBytes(4).toString('hex');
const PREFIX = `newsroom-test-${RUN}:`;
const MARKER = `Zzshared${RUN}`;
const LIST = '/api/press-releases?locale=ru&pagination[pageSize]=100';

describeWithRedis('the response cache shared by two app instances through Redis', () => {
  let a: Core.Strapi;
  let b: NewsroomProcess | undefined;
  let redis: Redis;
  let releaseId: string | undefined;
  const saved = { url: process.env.REDIS_URL, prefix: process.env.REDIS_PREFIX };
  const onB = (path: string) => request(b!.url).get(path);

  beforeAll(async () => {
    if (REDIS_REQUIRED && !redisReachable())
      throw new Error(`Redis is required (CI or REQUIRE_REDIS=1) but does not answer at ${TEST_REDIS_URL}`);
    redis = testRedisClient();
    process.env.REDIS_URL = TEST_REDIS_URL;
    process.env.REDIS_PREFIX = PREFIX;
    a = await startNewsroom();
    b = await startNewsroomProcess({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: PREFIX });
  });

  afterAll(async () => {
    if (releaseId && a) await deleteRelease(a, releaseId).catch(() => undefined);
    await b?.stop();
    if (a) await stopNewsroom(a);
    process.env.REDIS_URL = saved.url;
    process.env.REDIS_PREFIX = saved.prefix;
    if (saved.url === undefined) delete process.env.REDIS_URL;
    if (saved.prefix === undefined) delete process.env.REDIS_PREFIX;
    if (redis) {
      await deleteKeys(redis, PREFIX);
      expect(await redis.keys(`${PREFIX}*`)).toEqual([]);
      await redis.quit();
    }
  });

  it('caches a list on B: a miss, then a hit', async () => {
    const first = await onB(LIST);
    expect(first.status).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    const second = await onB(LIST);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
  });

  it('serves on B, as a hit, a response only A computed: it came from Redis', async () => {
    const path = '/api/press-releases?locale=en&pagination[pageSize]=100';
    const fromA = await api(a).get(path);
    expect(fromA.headers['x-cache']).toBe('miss');
    const keys = (await redis.keys(`${PREFIX}cache:*`)).filter((key) => key.includes('locale=en'));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^${PREFIX}cache:\\d+:/api/press-releases\\?locale=en`));
    const ttl = await redis.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);

    const fromB = await onB(path);
    expect(fromB.status).toBe(200);
    expect(fromB.headers['x-cache']).toBe('hit');
    expect(fromB.headers.etag).toBe(fromA.headers.etag);
    expect(fromB.headers['content-type']).toBe(fromA.headers['content-type']);
    expect(fromB.text).toBe(fromA.text);
  });

  it('shows a release published through A on B within a second', async () => {
    const before = await onB(LIST);
    expect(before.headers['x-cache']).toBe('hit');
    releaseId = (await createRelease(a, { headline: `${MARKER} опубликован`, paragraphs: ['Текст.'] })).documentId;
    const seen = await eventually(async () => {
      const res = await onB(LIST);
      return res.text.includes(`${MARKER} опубликован`) && res;
    }, 'the published release in the list on B');
    expect(seen.headers['x-cache']).toBe('miss');
    // B's kept list total moved with the shared generation too.
    expect(seen.body.meta.pagination.total).toBe(before.body.meta.pagination.total + 1);
    // …and B keeps it again (a write may announce itself twice: the document service and the content manager's event).
    await eventually(async () => (await onB(LIST)).headers['x-cache'] === 'hit', 'the list kept again on B');
  });

  it('shows an update made through A on B within a second', async () => {
    const one = `/api/press-releases/${releaseId}?locale=ru`;
    await onB(one);
    expect((await onB(one)).headers['x-cache']).toBe('hit');
    await a
      .documents(PRESS_RELEASE_UID)
      .update({ documentId: releaseId!, locale: 'ru', data: { headline: `${MARKER} исправлен` } as never });
    await a.documents(PRESS_RELEASE_UID).publish({ documentId: releaseId!, locale: 'ru' });
    await eventually(
      async () => (await onB(one)).body?.data?.headline === `${MARKER} исправлен`,
      'the new headline on B',
    );
    await eventually(
      async () => (await onB(LIST)).text.includes(`${MARKER} исправлен`),
      'the new headline in the list on B',
    );
    expect((await onB(LIST)).text).not.toContain(`${MARKER} опубликован`);
  });

  it('drops a release unpublished through A from B within a second', async () => {
    expect((await onB(LIST)).headers['x-cache']).toBe('hit');
    await a.documents(PRESS_RELEASE_UID).unpublish({ documentId: releaseId!, locale: 'ru' });
    await eventually(async () => !(await onB(LIST)).text.includes(MARKER), 'the release gone from the list on B');
    expect((await onB(`/api/press-releases/${releaseId}?locale=ru`)).status).toBe(404);
  });

  it('drops a release deleted through A from B within a second', async () => {
    await a.documents(PRESS_RELEASE_UID).publish({ documentId: releaseId!, locale: 'ru' });
    await eventually(async () => (await onB(LIST)).text.includes(MARKER), 'the republished release on B');
    await eventually(async () => (await onB(LIST)).headers['x-cache'] === 'hit', 'the list kept again on B');
    await deleteRelease(a, releaseId!);
    releaseId = undefined;
    await eventually(async () => !(await onB(LIST)).text.includes(MARKER), 'the deleted release gone from B');
  });
});
