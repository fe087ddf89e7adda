import type { Core } from '@strapi/strapi';
import { expectWindowEnd } from '../helpers/rate-limit';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';

const FRONTEND = 'https://frontend.example';
const RATE_LIMIT_MAX = 15;

let app: Core.Strapi;
const saved = { ...process.env };
beforeAll(async () => {
  process.env.CORS_ORIGINS = `${FRONTEND},https://other-frontend.example`;
  process.env.RATE_LIMIT_MAX = String(RATE_LIMIT_MAX);
  process.env.RATE_LIMIT_WINDOW_SECONDS = '60';
  app = await startNewsroom();
});
afterAll(async () => {
  await stopNewsroom(app);
  process.env = saved;
});

describe('security headers', () => {
  it('gives the reader page a strict Content-Security-Policy', async () => {
    // The list, an article, and the 404 page of an unknown slug: each under the same policy.
    for (const [path, status] of [
      ['/', 200],
      ['/ru/press-releases/baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami', 200],
      ['/ru/press-releases/any-slug', 404],
    ] as const) {
      const res = await api(app).get(path);
      expect({ path, status: res.status }).toEqual({ path, status });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it(
    'sends nosniff and a referrer policy on API answers, cache hits and 304s included, names no server software, ' +
      'and sends no HSTS outside production',
    async () => {
      await api(app).get('/api/topics');
      const hit = await api(app).get('/api/topics');
      expect(hit.headers['x-cache']).toBe('hit');
      const notModified = await api(app).get('/api/topics').set('if-none-match', String(hit.headers.etag));
      expect(notModified.status).toBe(304);
      for (const res of [hit, notModified, await api(app).get('/api/press-releases/slug/no-such-release')]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    },
  );
});

describe('CORS from the CORS_ORIGINS allow-list', () => {
  it('allows a listed origin, with credentials, on misses and cache hits', async () => {
    for (let i = 0; i < 2; i += 1) {
      const res = await api(app).get('/api/press-releases').query({ locale: 'ru' }).set('Origin', FRONTEND);
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(FRONTEND);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
    }
  });

  it('gives any other origin no CORS grant', async () => {
    const res = await api(app).get('/api/press-releases').query({ locale: 'ru' }).set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await api(app)
      .options('/api/press-releases')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limit on the public API', () => {
  it('tells the client its allowance, and when its window ends in whole Unix seconds', async () => {
    const res = await api(app).get('/api/topics');
    expect(res.headers['x-ratelimit-limit']).toBe(String(RATE_LIMIT_MAX));
    expect(Number(res.headers['x-ratelimit-remaining'])).toBeLessThan(RATE_LIMIT_MAX);
    expectWindowEnd(res.headers, 60);
  });

  it(`answers 429 with Retry-After and a JSON error after ${RATE_LIMIT_MAX} requests, on the API only`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT_MAX + 3; i += 1) {
      statuses.push((await api(app).get('/api/topics')).status);
    }
    // Earlier tests in this file used part of the allowance: what matters is that it runs out.
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);

    const limited = await api(app).get('/api/press-releases').query({ locale: 'ru' }).set('Origin', FRONTEND);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['content-type']).toMatch(/application\/json/);
    expect(limited.body.error).toMatchObject({ status: 429, name: 'TooManyRequestsError' });
    expect(limited.body.error.message).toMatch(/Too many requests/);
    expect(limited.headers['access-control-allow-origin']).toBe(FRONTEND); // the browser can read the 429
    expect(limited.headers['cache-control']).toBeUndefined(); // never cached as a public answer

    for (const path of ['/graphql?query=%7B__typename%7D', '/feeds/ru/rss.xml', '/sitemap.xml']) {
      expect((await api(app).get(path)).status).toBe(429);
    }
    // Not limited: health checks, the reader page and the admin panel's own API.
    expect((await api(app).get('/api/ready')).status).toBe(200);
    expect((await api(app).get('/_health')).status).toBe(204);
    expect((await api(app).get('/')).status).toBe(200);
    expect((await api(app).get('/admin/init')).status).toBe(200);
  });
});
