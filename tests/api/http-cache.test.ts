import type { Core } from '@strapi/strapi';
import { api, graphql, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
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
    await app
      .documents('api::press-release.press-release')
      .update({ documentId: id, locale: 'ru', data: { dateline: 'Баку' } as never });
    await app.documents('api::press-release.press-release').publish({ documentId: id, locale: 'ru' });
    try {
      const after = await api(app)
        .get(`/api/press-releases/${id}`)
        .query({ locale: 'ru' })
        .set('If-None-Match', before.headers.etag);
      expect(after.status).toBe(200);
      expect(after.body.data.dateline).toBe('Баку');
      expect(after.headers.etag).not.toBe(before.headers.etag);
    } finally {
      await app
        .documents('api::press-release.press-release')
        .update({ documentId: id, locale: 'ru', data: { dateline: null } as never });
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

    await app
      .documents('api::press-release.press-release')
      .update({ documentId: id, locale: 'en', data: { dateline: 'Baku' } as never });
    await app.documents('api::press-release.press-release').publish({ documentId: id, locale: 'en' });
    try {
      const after = await api(app).get(path).query({ locale: 'en' });
      expect(after.headers['x-cache']).toBe('miss');
      expect(after.body.data.dateline).toBe('Baku');
    } finally {
      await app
        .documents('api::press-release.press-release')
        .update({ documentId: id, locale: 'en', data: { dateline: null } as never });
      await app.documents('api::press-release.press-release').publish({ documentId: id, locale: 'en' });
    }
  });

  it(
    'answers a repeated anonymous GraphQL query sent by POST from the response cache, ' + 'and a write empties it',
    async () => {
      const id = await bakuNairobiId(app);
      const query =
        'query($id: ID!, $locale: I18NLocaleCode) { pressRelease(documentId: $id, locale: $locale) ' +
        '{ headline dateline } }';
      const first = await graphql(app, query, { id, locale: 'en' });
      expect(first.status).toBe(200);
      expect(first.headers['x-cache']).toBe('miss');
      const second = await graphql(app, query, { id, locale: 'en' });
      expect(second.headers['x-cache']).toBe('hit');
      expect(second.text).toBe(first.text);
      // Other variables, another entry.
      const ru = await graphql(app, query, { id, locale: 'ru' });
      expect(ru.headers['x-cache']).toBe('miss');
      expect(ru.body.data.pressRelease.headline).toMatch(/^Баку и Найроби/);

      await app
        .documents('api::press-release.press-release')
        .update({ documentId: id, locale: 'en', data: { dateline: 'Baku' } as never });
      await app.documents('api::press-release.press-release').publish({ documentId: id, locale: 'en' });
      try {
        const after = await graphql(app, query, { id, locale: 'en' });
        expect(after.headers['x-cache']).toBe('miss');
        expect(after.body.data.pressRelease.dateline).toBe('Baku');
      } finally {
        await app
          .documents('api::press-release.press-release')
          .update({ documentId: id, locale: 'en', data: { dateline: null } as never });
        await app.documents('api::press-release.press-release').publish({ documentId: id, locale: 'en' });
      }
    },
  );

  it('never keeps a GraphQL mutation, an answer with errors, a batch or a request with credentials', async () => {
    const twice = async (send: () => PromiseLike<{ headers: Record<string, string>; status: number }>) => {
      await send();
      return (await send()).headers['x-cache'];
    };
    // A mutation (the public role may not run it: an error, and never a cached one).
    expect(
      await twice(() => graphql(app, 'mutation { deletePressRelease(documentId: "x") { documentId } }')),
    ).toBeUndefined();
    // A query that does not validate (a 400), and one whose resolver fails (a 200 with errors).
    expect(await twice(() => graphql(app, '{ pressReleases { noSuchField } }'))).toBeUndefined();
    const failing = () => graphql(app, '{ pressReleases(pagination: { page: 1, start: 0 }) { documentId } }');
    const failed = await failing();
    expect({ status: failed.status, errors: Boolean(failed.body.errors) }).toEqual({ status: 200, errors: true });
    expect(await twice(failing)).toBe('miss');
    // A batch of operations, and an operation picked by name among several: only a single query is kept.
    expect(
      await twice(() =>
        api(app)
          .post('/graphql')
          .send([{ query: '{ pressReleases { documentId } }' }]),
      ),
    ).toBeUndefined();
    const named =
      'query A { pressReleases { documentId } } mutation B { deletePressRelease(documentId: "x") { documentId } }';
    expect(await twice(() => api(app).post('/graphql').send({ query: named, operationName: 'B' }))).toBeUndefined();
    expect(await twice(() => api(app).post('/graphql').send({ query: named, operationName: 'A' }))).toBe('hit');
    const withToken = () =>
      api(app)
        .post('/graphql')
        .set('Authorization', 'Bearer not-a-token')
        .send({ query: '{ pressReleases { documentId } }' });
    expect(await twice(withToken)).toBeUndefined();
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
