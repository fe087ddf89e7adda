import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { bakuNairobiId } from '../helpers/content';

let app: Core.Strapi;
beforeAll(async () => {
  app = await startNewsroom();
});
afterAll(async () => {
  await stopNewsroom(app);
});

describe('HTTP caching of public reads', () => {
  it.each([
    ['/api/press-releases', { locale: 'ru' }],
    ['/api/search', { q: 'прокуроров', locale: 'ru' }],
    ['/api/topics', { locale: 'en' }],
    ['/feeds/ru/rss.xml', {}],
    ['/sitemap.xml', {}],
  ])('%s: strong ETag, Cache-Control, and 304 on If-None-Match', async (path, query) => {
    const first = await api(app).get(path).query(query);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[^"]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=30, s-maxage=60, stale-while-revalidate=30');
    const again = await api(app).get(path).query(query).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    const changed = await api(app).get(path).query(query).set('If-None-Match', '"something-else"');
    expect(changed.status).toBe(200);
  });

  it('gives a new ETag when the content changes', async () => {
    const id = await bakuNairobiId(app);
    const before = await api(app).get(`/api/press-releases/${id}`).query({ locale: 'ru' });
    await app.documents('api::press-release.press-release').update({ documentId: id, locale: 'ru', data: { dateline: 'Баку' } as never });
    await app.documents('api::press-release.press-release').publish({ documentId: id, locale: 'ru' });
    try {
      const after = await api(app).get(`/api/press-releases/${id}`).query({ locale: 'ru' }).set('If-None-Match', before.headers.etag);
      expect(after.status).toBe(200);
      expect(after.body.data.dateline).toBe('Баку');
      expect(after.headers.etag).not.toBe(before.headers.etag);
    } finally {
      await app.documents('api::press-release.press-release').update({ documentId: id, locale: 'ru', data: { dateline: null } as never });
      await app.documents('api::press-release.press-release').publish({ documentId: id, locale: 'ru' });
    }
  });

  it('serves repeat reads from the response cache, and a write empties it', async () => {
    const id = await bakuNairobiId(app);
    const path = `/api/press-releases/${id}`;
    const first = await api(app).get(path).query({ locale: 'en' });
    const second = await api(app).get(path).query({ locale: 'en' });
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['content-language']).toBe('en');
    const notModified = await api(app).get(path).query({ locale: 'en' }).set('If-None-Match', first.headers.etag);
    expect(notModified.status).toBe(304);

    await app.documents('api::press-release.press-release').update({ documentId: id, locale: 'en', data: { dateline: 'Baku' } as never });
    await app.documents('api::press-release.press-release').publish({ documentId: id, locale: 'en' });
    try {
      const after = await api(app).get(path).query({ locale: 'en' });
      expect(after.headers['x-cache']).toBe('miss');
      expect(after.body.data.dateline).toBe('Baku');
    } finally {
      await app.documents('api::press-release.press-release').update({ documentId: id, locale: 'en', data: { dateline: null } as never });
      await app.documents('api::press-release.press-release').publish({ documentId: id, locale: 'en' });
    }
  });

  it('does not mark errors, credentialed requests or previews as publicly cacheable', async () => {
    const error = await api(app).get('/api/press-releases').query({ locale: 'xx' });
    expect(error.status).toBe(400);
    expect(error.headers['cache-control']).toBeUndefined();
    const withToken = await api(app).get('/api/press-releases').set('Authorization', 'Bearer not-a-token');
    expect(withToken.headers['cache-control'] ?? '').not.toContain('public');
    const preview = await api(app).get('/api/preview/press-releases/x').query({ token: 'bad.token' });
    expect(preview.headers['cache-control'] ?? '').not.toContain('public');
  });
});
