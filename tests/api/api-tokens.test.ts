import type { Core } from '@strapi/strapi';
import { api, graphql, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';

const DRAFT_MARKER = 'Zztokendraftmarker';

let app: Core.Strapi;
let readOnlyKey: string;
let fullAccessKey: string;
let draftId: string;
let publishedId: string;
const createdIds: string[] = [];

async function createToken(name: string, type: 'read-only' | 'full-access'): Promise<string> {
  const token = (await app
    .service('admin::api-token')
    .create({ name: `${name}-${Date.now()}`, type, lifespan: null, description: '' })) as { accessKey: string };
  return token.accessKey;
}

const bearer = (key: string) => `Bearer ${key}`;

beforeAll(async () => {
  app = await startNewsroom();
  readOnlyKey = await createToken('frontend-read-only', 'read-only');
  fullAccessKey = await createToken('integration-full-access', 'full-access');
  draftId = (await createRelease(app, { headline: `${DRAFT_MARKER} черновик`, publish: false })).documentId;
  publishedId = (await createRelease(app, { headline: 'Релиз для проверки токенов' })).documentId;
});

afterAll(async () => {
  for (const documentId of [draftId, publishedId, ...createdIds]) await deleteRelease(app, documentId);
  await stopNewsroom(app);
});

async function headlines(documentId: string): Promise<string[]> {
  const rows = (await app.db.query(PRESS_RELEASE_UID).findMany({ where: { documentId }, select: ['headline'] })) as {
    headline: string;
  }[];
  return rows.map((row) => row.headline).sort();
}

describe('read-only API token', () => {
  it('reads published releases and never a draft, whatever it asks for', async () => {
    const list = await api(app)
      .get('/api/press-releases')
      .query({ locale: 'ru', 'pagination[pageSize]': 100 })
      .set('Authorization', bearer(readOnlyKey));
    expect(list.status).toBe(200);
    expect(list.body.data.map((release: { documentId: string }) => release.documentId)).toContain(publishedId);
    for (const query of [
      { status: 'draft' },
      { status: 'draft', 'filters[headline][$contains]': 'Zz' },
      { publicationFilter: 'never-published-document' },
    ]) {
      const res = await api(app)
        .get('/api/press-releases')
        .query({ locale: 'ru', ...query })
        .set('Authorization', bearer(readOnlyKey));
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(DRAFT_MARKER);
    }
    const single = await api(app)
      .get(`/api/press-releases/${draftId}`)
      .query({ locale: 'ru', status: 'draft' })
      .set('Authorization', bearer(readOnlyKey));
    expect(single.status).toBe(404);
    expect(JSON.stringify(single.body)).not.toContain(DRAFT_MARKER);
    const gql = await graphql(
      app,
      `
        {
          pressReleases(locale: "ru", status: DRAFT) {
            headline
          }
        }
      `,
    ).set('Authorization', bearer(readOnlyKey));
    expect(JSON.stringify(gql.body)).not.toContain(DRAFT_MARKER);
  });

  it('cannot write: create, update, publish and delete answer 403 and change nothing', async () => {
    const before = await headlines(publishedId);
    const attempts = [
      api(app)
        .post('/api/press-releases')
        .query({ locale: 'ru' })
        .send({ data: { headline: 'Токен только для чтения' } }),
      api(app)
        .put(`/api/press-releases/${publishedId}`)
        .query({ locale: 'ru' })
        .send({ data: { headline: 'Изменено токеном' } }),
      api(app).delete(`/api/press-releases/${publishedId}`).query({ locale: 'ru' }),
      api(app)
        .post('/api/topics')
        .send({ data: { name: 'Тема токена' } }),
    ];
    for (const attempt of attempts) {
      const res = await attempt.set('Authorization', bearer(readOnlyKey));
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('ForbiddenError');
    }
    const mutation = await graphql(
      app,
      `mutation { deletePressRelease(documentId: "${publishedId}", locale: "ru") { documentId } }`,
    ).set('Authorization', bearer(readOnlyKey));
    expect(mutation.body.data?.deletePressRelease ?? null).toBeNull();
    expect(await headlines(publishedId)).toEqual(before);
    expect(await app.db.query(PRESS_RELEASE_UID).count({ where: { headline: 'Токен только для чтения' } })).toBe(0);
  });

  it('is refused when unknown or malformed', async () => {
    for (const value of ['Bearer not-a-real-token', `Bearer ${readOnlyKey}x`]) {
      const res = await api(app).get('/api/press-releases').query({ locale: 'ru' }).set('Authorization', value);
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('UnauthorizedError');
    }
  });
});

describe('full-access API token', () => {
  it('creates a draft, updates, publishes and deletes a release over REST', async () => {
    const created = await api(app)
      .post('/api/press-releases')
      .query({ locale: 'ru', status: 'draft' })
      .set('Authorization', bearer(fullAccessKey))
      .send({ data: { headline: 'Релиз от интеграции', lead: 'Создан полным токеном.' } });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    createdIds.push(documentId);
    expect(await headlines(documentId)).toEqual(['Релиз от интеграции']); // a draft only
    expect((await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' })).status).toBe(404);

    const updated = await api(app)
      .put(`/api/press-releases/${documentId}`)
      .query({ locale: 'ru', status: 'published' })
      .set('Authorization', bearer(fullAccessKey))
      .send({ data: { headline: 'Релиз от интеграции, опубликован' } });
    expect(updated.status).toBe(200);
    const publicRead = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    expect(publicRead.status).toBe(200);
    expect(publicRead.body.data.headline).toBe('Релиз от интеграции, опубликован');

    const deleted = await api(app)
      .delete(`/api/press-releases/${documentId}`)
      .query({ locale: 'ru' })
      .set('Authorization', bearer(fullAccessKey));
    expect([200, 204]).toContain(deleted.status);
    expect(await headlines(documentId)).toEqual([]);
    expect((await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' })).status).toBe(404);
  });
});
