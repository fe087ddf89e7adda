import type { Core } from '@strapi/strapi';
import { paragraphsToBlocks } from '../../src/platform/content-model/paragraph-blocks';
import { api, stopNewsroom, graphql, startNewsroom, releaseSitemaps } from '../helpers/newsroom-app';

const UID = 'api::press-release.press-release';
const DRAFT_MARKER = 'Zzdraftmarker';
const UNPUBLISHED_MARKER = 'Zzunpublishedmarker';
const TRANSLATION_MARKER = 'Zztranslationmarker';
const MARKERS = [DRAFT_MARKER, UNPUBLISHED_MARKER, TRANSLATION_MARKER];

let app: Core.Strapi;
let draftId: string;
let unpublishedId: string;
let publishedId: string;

function expectNoMarker(body: unknown) {
  const text = JSON.stringify(body);
  for (const marker of MARKERS) expect(text).not.toContain(marker);
}

beforeAll(async () => {
  app = await startNewsroom();
  const documents = app.documents(UID);
  draftId = (
    await documents.create({
      locale: 'ru',
      status: 'draft',
      data: { headline: `${DRAFT_MARKER} черновик`, body: paragraphsToBlocks([`${DRAFT_MARKER} текст.`]) } as never,
    })
  ).documentId;
  unpublishedId = (await documents.create({ locale: 'ru', data: { headline: `${UNPUBLISHED_MARKER} снят` } as never }))
    .documentId;
  await documents.publish({ documentId: unpublishedId, locale: 'ru' });
  await documents.unpublish({ documentId: unpublishedId, locale: 'ru' });
  // A published Russian release whose English translation is still a draft.
  publishedId = (
    await documents.create({ locale: 'ru', data: { headline: 'Опубликованный релиз для проверки доступа' } as never })
  ).documentId;
  await documents.publish({ documentId: publishedId, locale: 'ru' });
  await documents.update({
    documentId: publishedId,
    locale: 'en',
    data: { headline: `${TRANSLATION_MARKER} draft translation` } as never,
  });
});

afterAll(async () => {
  for (const documentId of [draftId, unpublishedId, publishedId]) {
    await app.documents(UID).delete({ documentId, locale: '*' });
  }
  await stopNewsroom(app);
});

describe('drafts and unpublished releases stay private', () => {
  // docs/frontend-developers.md: status=draft (and the other version selectors, and a client's populate) are
  // ignored on REST.
  it.each([
    ['the list with status=draft', { locale: 'ru', status: 'draft' }, ['status']],
    ['the English list with status=draft', { locale: 'en', status: 'draft' }, ['status']],
    [
      'a filter on the marker with status=draft',
      { locale: 'ru', status: 'draft', 'filters[headline][$contains]': 'Zz' },
      ['status'],
    ],
    [
      'a populate of localizations',
      { locale: 'ru', 'populate[localizations][populate]': '*' },
      ['populate[localizations][populate]'],
    ],
    ['publicationFilter', { locale: 'ru', publicationFilter: 'never-published-document' }, ['publicationFilter']],
  ])(
    'REST: %s is answered as if it were not asked',
    async (_name, query: Record<string, string>, ignored: string[]) => {
      const res = await api(app).get('/api/press-releases').query(query);
      expect(res.status).toBe(200);
      expectNoMarker(res.body);
      const withoutIt = Object.fromEntries(Object.entries(query).filter(([key]) => !ignored.includes(key)));
      const plain = await api(app).get('/api/press-releases').query(withoutIt);
      expect(plain.status).toBe(200);
      expect(res.body).toEqual(plain.body);
    },
  );

  it('REST: the list holds the published release and none of the hidden ones', async () => {
    const res = await api(app).get('/api/press-releases').query({ locale: 'ru', 'pagination[pageSize]': 100 });
    expect(res.status).toBe(200);
    expect(res.body.data.map((release: { documentId: string }) => release.documentId)).toContain(publishedId);
    expectNoMarker(res.body);
  });

  it('REST: a draft, an unpublished release and a draft translation are 404 by id and by slug', async () => {
    for (const [id, locale] of [
      [draftId, 'ru'],
      [unpublishedId, 'ru'],
      [publishedId, 'en'],
    ] as const) {
      const byId = await api(app).get(`/api/press-releases/${id}`).query({ locale, status: 'draft' });
      expect(byId.status).toBe(404);
      expectNoMarker(byId.body);
    }
    const slug = await api(app)
      .get('/api/press-releases/slug/zzdraftmarker-chernovik')
      .query({ locale: 'ru', status: 'draft' });
    expect(slug.status).toBe(404);
  });

  it('REST: the published original lists only published translations', async () => {
    const res = await api(app).get(`/api/press-releases/${publishedId}`).query({ locale: 'ru' });
    expect(res.status).toBe(200);
    expect(res.body.data.localizations).toEqual([]);
    expectNoMarker(res.body);
  });

  it('the structured formats, feeds and sitemaps: no draft, unpublished release or draft translation', async () => {
    // Each channel shows the published release (so it would show the others if it let them through)…
    const SITEMAPS = 'the release sitemaps'; // the index's files (src/channels/sitemaps)
    const shown: Record<string, string> = {
      'JSON-LD': `/api/press-releases/${publishedId}/jsonld?locale=ru`,
      ninjs: `/api/press-releases/${publishedId}/ninjs?locale=ru`,
      'NewsML-G2': `/api/press-releases/${publishedId}/newsml?locale=ru`,
      'NewsML-G2 News Message': '/feeds/ru/newsml.xml',
      RSS: '/feeds/ru/rss.xml',
      Atom: '/feeds/ru/atom.xml',
      'JSON Feed': '/feeds/ru/feed.json',
      sitemap: SITEMAPS,
      'news sitemap': '/news-sitemap.xml',
    };
    const published = await app.documents(UID).findOne({ documentId: publishedId, locale: 'ru', status: 'published' });
    for (const [name, path] of Object.entries(shown)) {
      const res = path === SITEMAPS ? await releaseSitemaps(app) : await api(app).get(path);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      expect({ name, shows: res.text.includes(String(published?.slug)) }).toEqual({ name, shows: true });
      for (const marker of MARKERS)
        expect({ name, marker, leaked: res.text.toLowerCase().includes(marker.toLowerCase()) }).toEqual({
          name,
          marker,
          leaked: false,
        });
    }
    // …and the hidden ones have no JSON-LD, ninjs or NewsML-G2 of their own.
    for (const [id, locale] of [
      [draftId, 'ru'],
      [unpublishedId, 'ru'],
      [publishedId, 'en'],
    ] as const) {
      for (const format of ['jsonld', 'ninjs', 'newsml']) {
        const res = await api(app).get(`/api/press-releases/${id}/${format}`).query({ locale });
        expect({ id, locale, format, status: res.status }).toEqual({ id, locale, format, status: 404 });
        expectNoMarker(res.body);
      }
    }
  });

  it('GraphQL: drafts cannot be selected, by argument, variable or nested field', async () => {
    const attempts: [string, Record<string, unknown>?][] = [
      ['{ pressReleases(status: DRAFT) { headline } }'],
      ['query($s: PublicationStatus) { pressReleases(status: $s) { headline } }', { s: 'DRAFT' }],
      [`{ pressRelease(documentId: "${draftId}", status: DRAFT) { headline } }`],
      ['{ pressReleases(locale: "ru") { headline localizations(status: DRAFT) { headline } } }'],
      ['{ pressReleases(locale: "ru", hasPublishedVersion: false) { headline } }'],
    ];
    for (const [query, variables] of attempts) {
      const res = await graphql(app, query, variables);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/published content only/);
      expectNoMarker(res.body);
    }
  });

  it('GraphQL: plain queries return published content only', async () => {
    for (const locale of ['ru', 'en']) {
      const res = await graphql(app, `{ pressReleases(locale: "${locale}") { headline localizations { headline } } }`);
      expect(res.status).toBe(200);
      expect(res.body.data.pressReleases.length).toBeGreaterThan(0);
      expectNoMarker(res.body);
    }
    const one = await graphql(app, `{ pressRelease(documentId: "${draftId}") { headline } }`);
    expect(one.body.data.pressRelease).toBeNull();
  });
});

describe('the public cannot write', () => {
  it('refuses REST create, update and delete, and nothing changes', async () => {
    const before = await app.db.query(UID).count({});
    const create = await api(app)
      .post('/api/press-releases')
      .send({ data: { headline: 'Injected' } });
    const update = await api(app)
      .put(`/api/press-releases/${publishedId}`)
      .send({ data: { headline: 'Defaced' } });
    const remove = await api(app).delete(`/api/press-releases/${publishedId}`);
    for (const res of [create, update, remove]) {
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
    }
    expect(await app.db.query(UID).count({})).toBe(before);
    const stored = await app.documents(UID).findOne({ documentId: publishedId, locale: 'ru', status: 'published' });
    expect(stored?.headline).toBe('Опубликованный релиз для проверки доступа');
  });

  it('refuses GraphQL mutations', async () => {
    const res = await graphql(app, 'mutation { createPressRelease(data: { headline: "Injected" }) { documentId } }');
    expect(res.body.errors?.[0]?.message).toMatch(/Forbidden/i);
    expect(await app.db.query(UID).count({ where: { headline: 'Injected' } })).toBe(0);
  });

  it("gives a sign-up a journalist's account only, and refuses writes to topics, entities and sources", async () => {
    // Sign-up is open to journalists only (src/press-access): whatever is sent, no other role, and no sign-in
    // before the emailed link is followed.
    const escalating = await api(app)
      .post('/api/auth/local/register')
      .send({ username: 'intruder', email: 'intruder@example.com', password: 'Passw0rd!long', role: 1 });
    expect(escalating.status).toBe(400);
    const register = await api(app)
      .post('/api/auth/local/register')
      .send({ username: 'intruder', email: 'intruder@example.com', password: 'Passw0rd!long' });
    expect(register.status).toBe(200);
    expect(register.body.jwt).toBeUndefined();
    const user = (await app.db.query('plugin::users-permissions.user').findOne({
      where: { email: 'intruder@example.com' },
      populate: ['role'],
    })) as { confirmed: boolean; role: { type: string } };
    expect(user).toMatchObject({ confirmed: false, role: { type: 'journalist' } });
    const login = await api(app)
      .post('/api/auth/local')
      .send({ identifier: 'intruder@example.com', password: 'Passw0rd!long' });
    expect(login.status).toBe(400);
    expect(login.body.error.message).toMatch(/not confirmed/);
    for (const type of ['topics', 'entities', 'sources']) {
      const res = await api(app)
        .post(`/api/${type}`)
        .send({ data: { name: 'x' } });
      expect({ type, status: res.status }).toEqual({ type, status: 403 });
    }
  });

  it(
    'rejects filters, sorts and fields on admin fields with 400 ' + '(a populate is replaced by the fixed one)',
    async () => {
      for (const query of [
        { 'filters[createdBy][email][$contains]': 'a' },
        { 'filters[updatedBy][password][$startsWith]': '$' },
        { sort: 'createdBy.email:asc' },
        { 'fields[0]': 'createdBy' },
      ]) {
        const res = await api(app)
          .get('/api/press-releases')
          .query({ locale: 'ru', ...query });
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.name).toBe('ValidationError');
      }
      const populated = await api(app)
        .get('/api/press-releases')
        .query({ locale: 'ru', 'populate[createdBy]': 'true' });
      expect(populated.body).toEqual((await api(app).get('/api/press-releases').query({ locale: 'ru' })).body);
    },
  );

  it('never answers with admin fields', async () => {
    for (const path of [
      '/api/press-releases?locale=ru',
      `/api/press-releases/${publishedId}?locale=ru`,
      '/api/topics',
      '/api/entities',
      '/api/sources',
    ]) {
      const res = await api(app).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, admin: /"(createdBy|updatedBy|password)"/.test(res.text) }).toEqual({ path, admin: false });
    }
  });
});
