import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { frontDoorAnswers } from '../../src/delivery/http-cache/cache-front-door';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { bakuNairobiId } from '../helpers/content';

const RATE_LIMIT_MAX = 30;

let app: Core.Strapi;
const saved = { ...process.env };
beforeAll(async () => {
  process.env.RATE_LIMIT_MAX = String(RATE_LIMIT_MAX);
  process.env.RATE_LIMIT_WINDOW_SECONDS = '600';
  // Behind a reverse proxy: the client's address comes from X-Forwarded-For (the last test relies on it).
  process.env.IS_PROXIED = 'true';
  app = await startNewsroom();
});
afterAll(async () => {
  await stopNewsroom(app);
  process.env = saved;
});

/** Headers as a client compares them: all but the date, the rate limiter's count and the request id (per request). */
function comparable(res: Response): Record<string, unknown> {
  const {
    date: _date,
    'x-ratelimit-remaining': _remaining,
    'x-request-id': _requestId,
    ...headers
  } = res.headers as Record<string, unknown>;
  return headers;
}

/**
 * A path stored by the chain, then the same request twice: answered from the cache by the chain (which records its
 * headers for this kind of request), then by the front door. Returns the chain's hit and the front door's.
 */
async function chainThenFrontDoor(
  path: string,
  headersAfter: (stored: Response) => Record<string, string> = () => ({}),
): Promise<[Response, Response, Response]> {
  const before = frontDoorAnswers(app);
  const stored = await api(app).get(path);
  expect({ path, cache: stored.headers['x-cache'] }).toEqual({ path, cache: 'miss' });
  const headers = headersAfter(stored);
  const send = () => api(app).get(path).set(headers);
  const chain = await send();
  expect(frontDoorAnswers(app)).toBe(before);
  const door = await send();
  expect(frontDoorAnswers(app)).toBe(before + 1);
  expect(chain.headers['x-cache']).toBe('hit');
  expect(Number(door.headers['x-ratelimit-remaining'])).toBe(Number(chain.headers['x-ratelimit-remaining']) - 1);
  return [chain, door, stored];
}

describe('cache hits answered in front of the middleware chain', () => {
  it('sends the same status, headers and bytes as the chain: identity, brotli, and 304', async () => {
    const single = `/api/press-releases/${await bakuNairobiId(app)}?locale=ru`;
    const [chain, door] = await chainThenFrontDoor(single);
    expect(door.status).toBe(200);
    expect(comparable(door)).toEqual(comparable(chain));
    expect(door.body).toEqual(chain.body);
    // What the whole chain guarantees on every answer is there (not merely equal to an empty chain answer).
    expect(door.headers['content-security-policy']).toContain("default-src 'self'");
    expect(door.headers.vary).toBe('Origin, Accept-Encoding');
    expect(door.headers.etag).toMatch(/^"[^"]+"$/);
    expect(door.headers['surrogate-key']).toBeTruthy();

    const [chainBrotli, doorBrotli] = await chainThenFrontDoor('/feeds/ru/rss.xml', () => ({
      'accept-encoding': 'br',
    }));
    expect(doorBrotli.headers['content-encoding']).toBe('br');
    expect(comparable(doorBrotli)).toEqual(comparable(chainBrotli));
    expect(doorBrotli.text).toEqual(chainBrotli.text);
    expect(doorBrotli.text).toContain('<rss');

    const [chain304, door304] = await chainThenFrontDoor('/sitemap.xml', (stored) => ({
      'if-none-match': stored.headers.etag,
    }));
    expect([chain304.status, door304.status]).toEqual([304, 304]);
    expect(comparable(door304)).toEqual(comparable(chain304));
    expect(door304.headers['content-type']).toBeUndefined();
  });

  it("keeps what the handler set on every hit: the reader page's own Content-Security-Policy", async () => {
    const list = await api(app).get('/api/press-releases').query({ locale: 'ru' });
    const article = `/ru/press-releases/${list.body.data[0].slug}`;
    const [chain, door, stored] = await chainThenFrontDoor(article);
    expect(stored.headers['content-security-policy']).toContain("script-src 'self'");
    expect(stored.headers['content-security-policy']).not.toContain('unsafe-inline');
    for (const hit of [chain, door]) {
      expect(hit.headers['content-security-policy']).toBe(stored.headers['content-security-policy']);
      expect(hit.headers['x-frame-options']).toBe('DENY');
      expect(hit.headers['content-language']).toBe(stored.headers['content-language']);
    }
    expect(comparable(door)).toEqual(comparable(chain));
    expect(door.text).toBe(stored.text);
  });

  // What is logged for it is in tests/api/request-log.test.ts (the log is read from the app's stdout there).
  it('gives each answer an id of its own, a 304 included, as the chain does', async () => {
    const path = '/api/topics?locale=en';
    const stored = await api(app).get(path);
    const hit = await api(app).get(path); // through the chain, unless this kind of request is known already
    const before = frontDoorAnswers(app);
    const door = await api(app).get(path).expect(200);
    const notModified = await api(app).get(path).set('if-none-match', stored.headers.etag).expect(304);
    expect(frontDoorAnswers(app)).toBe(before + 2);
    const ids = [stored, hit, door, notModified].map((res) => res.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(4);
  });

  it('leaves to the chain what depends on more than the path: an Origin, credentials, HEAD', async () => {
    const path = '/api/topics?locale=ru';
    await api(app).get(path);
    await api(app).get(path);
    const before = frontDoorAnswers(app);
    const cors = await api(app).get(path).set('origin', 'https://frontend.example');
    expect(cors.headers['access-control-allow-origin']).toBeTruthy();
    const head = await api(app).head(path);
    expect(head.status).toBe(200);
    const withToken = await api(app).get(path).set('authorization', 'Bearer not-a-token');
    expect(withToken.status).toBe(401);
    expect(frontDoorAnswers(app)).toBe(before);
    await api(app).get(path).expect(200);
    expect(frontDoorAnswers(app)).toBe(before + 1);
  });

  it('counts against the same rate limit, and the chain answers the 429', async () => {
    const path = `/api/press-releases/${await bakuNairobiId(app)}?locale=ru`;
    let res = await api(app).get(path);
    let remaining = Number(res.headers['x-ratelimit-remaining']);
    expect(remaining).toBeGreaterThan(0);
    while (remaining > 0) {
      const before = frontDoorAnswers(app);
      res = await api(app).get(path);
      expect(frontDoorAnswers(app)).toBe(before + 1);
      expect(Number(res.headers['x-ratelimit-remaining'])).toBe(remaining - 1);
      remaining -= 1;
    }
    const before = frontDoorAnswers(app);
    const refused = await api(app).get(path);
    expect(frontDoorAnswers(app)).toBe(before);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ status: 429, name: 'TooManyRequestsError' });
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(refused.headers['content-security-policy']).toContain("default-src 'self'");
  });

  // After the test above used up the allowance of the address the requests come from.
  it('behind a trusted proxy, counts each forwarded client on its own', async () => {
    const path = `/api/press-releases/${await bakuNairobiId(app)}?locale=ru`;
    expect((await api(app).get(path)).status).toBe(429);
    for (const client of ['203.0.113.7', '203.0.113.8']) {
      const before = frontDoorAnswers(app);
      const res = await api(app).get(path).set('x-forwarded-for', client);
      expect(frontDoorAnswers(app)).toBe(before + 1);
      expect(res.status).toBe(200);
      expect(Number(res.headers['x-ratelimit-remaining'])).toBe(RATE_LIMIT_MAX - 1);
    }
    const again = await api(app).get(path).set('x-forwarded-for', '203.0.113.7');
    expect(Number(again.headers['x-ratelimit-remaining'])).toBe(RATE_LIMIT_MAX - 2);
  });
});
