import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { validateNinjs } from '../helpers/ninjs-schema';
import { bakuNairobiId, createRelease, deleteRelease } from '../helpers/content';

let app: Core.Strapi;
let storyId: string;
beforeAll(async () => {
  app = await startNewsroom();
  storyId = await bakuNairobiId(app);
});
afterAll(async () => {
  await stopNewsroom(app);
});

describe('schema.org NewsArticle JSON-LD', () => {
  it('describes the Russian original with its publisher, entities, topics and translation', async () => {
    const res = await api(app).get(`/api/press-releases/${storyId}/jsonld`).query({ locale: 'ru' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const article = res.body;
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Баку и Найроби будут бороться против преступности совместными усилиями',
      alternativeHeadline: 'Перспективы сотрудничества',
      inLanguage: 'ru',
      publisher: { '@type': 'Organization', name: 'БР' },
      author: { name: 'БР' },
    });
    expect(new Date(article.datePublished).toString()).not.toBe('Invalid Date');
    expect(new Date(article.dateModified).toString()).not.toBe('Invalid Date');
    expect(article).not.toHaveProperty('dateCreated');
    expect(article.mentions).toEqual(
      expect.arrayContaining([
        { '@type': 'Person', name: 'Ильхам Алиев' },
        { '@type': 'Place', name: 'Агдамский район' },
        { '@type': 'Event', name: 'COP29' },
      ]),
    );
    expect(article.about).toEqual(expect.arrayContaining([{ '@type': 'Thing', name: 'Коррупция' }]));
    expect(article.workTranslation).toEqual([
      expect.objectContaining({
        inLanguage: 'en',
        headline: 'Baku and Nairobi will fight crime through joint efforts',
      }),
    ]);
  });

  it('is 404 for a release that is not published in that locale', async () => {
    expect((await api(app).get(`/api/press-releases/${storyId}/jsonld`).query({ locale: 'az' })).status).toBe(404);
    expect((await api(app).get('/api/press-releases/nope/jsonld')).status).toBe(404);
  });
});

describe('IPTC ninjs 3.1', () => {
  it.each(['ru', 'en'])('is valid against the official schema (%s)', async (locale) => {
    const res = await api(app).get(`/api/press-releases/${storyId}/ninjs`).query({ locale });
    expect(res.status).toBe(200);
    const valid = validateNinjs(res.body);
    expect(validateNinjs.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(res.body).toMatchObject({ type: 'text', language: locale, pubStatus: 'usable' });
  });

  it('maps the release onto ninjs fields', async () => {
    const { body } = await api(app).get(`/api/press-releases/${storyId}/ninjs`).query({ locale: 'en' });
    expect(body.headlines).toEqual([
      { role: 'main', contentType: 'text/plain', value: 'Baku and Nairobi will fight crime through joint efforts' },
      { role: 'kicker', contentType: 'text/plain', value: 'Prospects for cooperation' },
    ]);
    expect(body.bodies.map((b: { contentType: string }) => b.contentType)).toEqual(['text/html', 'text/plain']);
    expect(body.bodies[1].value).toMatch(/^In accordance with/);
    expect(body.people.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Ilham Aliyev', 'Kamran Aliyev', 'Renson Mulele Ingonga']),
    );
    expect(body.organisations).toHaveLength(5);
    expect(body.places.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Baku', 'Nairobi', 'Aghdam District']),
    );
    expect(body.events.map((e: { name: string }) => e.name)).toEqual(
      expect.arrayContaining(['COP29', 'Africa Climate Summit']),
    );
    expect(body.subjects.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['Corruption', 'Terrorism']),
    );
    expect(body.infoSources).toEqual([expect.objectContaining({ name: 'БР', role: 'originator' })]);
    expect(body.altIds).toEqual(expect.arrayContaining([{ role: 'documentId', value: storyId }]));
    // No lead: the start of the first paragraph, cut after a whole word (src/read-side/read-model/release-description).
    expect(body.descriptions).toEqual([
      { role: 'summary', contentType: 'text/plain', value: expect.stringMatching(/^In accordance with .+…$/) },
    ]);
    expect(body).not.toHaveProperty('contentCreated');
  });

  it('validates a release with a lead and no relations too', async () => {
    const release = await createRelease(app, { headline: 'Zzninjs короткий релиз', lead: 'Краткое содержание.' });
    try {
      const res = await api(app).get(`/api/press-releases/${release.documentId}/ninjs`).query({ locale: 'ru' });
      expect(validateNinjs(res.body)).toBe(true);
      expect(res.body.descriptions).toEqual([
        { role: 'summary', contentType: 'text/plain', value: 'Краткое содержание.' },
      ]);
    } finally {
      await deleteRelease(app, release.documentId);
    }
  });
});

describe('locale fallback', () => {
  it('serves the best available translation and says which', async () => {
    const res = await api(app).get(`/api/press-releases/${storyId}`).query({ locale: 'az', fallbackLocale: 'en,ru' });
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe('en');
    expect(res.body.data.locale).toBe('en');
    expect(res.body.meta).toMatchObject({ requestedLocale: 'az', locale: 'en', fallbackUsed: true });
  });

  it('uses the requested locale when it exists', async () => {
    const res = await api(app).get(`/api/press-releases/${storyId}`).query({ locale: 'ru', fallbackLocale: 'en' });
    expect(res.headers['content-language']).toBe('ru');
    expect(res.body.meta).toMatchObject({ locale: 'ru', fallbackUsed: false });
  });

  it('keeps the old behaviour without a fallback, and checks the chain', async () => {
    expect((await api(app).get(`/api/press-releases/${storyId}`).query({ locale: 'az' })).status).toBe(404);
    expect(
      (await api(app).get(`/api/press-releases/${storyId}`).query({ locale: 'az', fallbackLocale: 'xx' })).status,
    ).toBe(400);
    expect((await api(app).get('/api/press-releases').query({ locale: 'az', fallbackLocale: 'ru' })).status).toBe(400);
  });

  it('applies to JSON-LD and ninjs', async () => {
    const res = await api(app)
      .get(`/api/press-releases/${storyId}/ninjs`)
      .query({ locale: 'az', fallbackLocale: 'ru' });
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe('ru');
    expect(res.body.language).toBe('ru');
  });
});

describe('related releases', () => {
  it('lists published releases sharing entities or topics, best match first', async () => {
    const topics = (await app.db
      .query('api::topic.topic')
      .findMany({ where: { locale: 'ru' }, orderBy: { id: 'asc' } })) as { documentId: string }[];
    const entities = (await app.db
      .query('api::entity.entity')
      .findMany({ where: { locale: 'ru' }, orderBy: { id: 'asc' } })) as { documentId: string }[];
    const strong = await createRelease(app, {
      headline: 'Zzrelated сильная связь',
      topics: topics.slice(0, 3).map((t) => t.documentId),
      entities: entities.slice(0, 3).map((e) => e.documentId),
    });
    const weak = await createRelease(app, { headline: 'Zzrelated слабая связь', topics: [topics[0].documentId] });
    const draft = await createRelease(app, {
      headline: 'Zzrelated черновик',
      topics: topics.slice(0, 5).map((t) => t.documentId),
      publish: false,
    });
    const unrelated = await createRelease(app, { headline: 'Zzrelated без связи' });
    try {
      const res = await api(app).get(`/api/press-releases/${storyId}/related`).query({ locale: 'ru' });
      expect(res.status).toBe(200);
      const headlines = res.body.data.map((r: { headline: string }) => r.headline);
      expect(headlines).toEqual(['Zzrelated сильная связь', 'Zzrelated слабая связь']);
      expect(res.body.data.map((r: { sharedLinks: number }) => r.sharedLinks)).toEqual([6, 1]);
    } finally {
      for (const release of [strong, weak, draft, unrelated]) await deleteRelease(app, release.documentId);
    }
  });
});
