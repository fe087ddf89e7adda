import type { Core } from '@strapi/strapi';
import { blocksToParagraphs } from '../../src/platform/content-model/paragraph-blocks';
import { api, stopNewsroom, graphql, sharedSeedParagraphs, startNewsroom } from '../helpers/newsroom-app';

/** The original, straight from ../shared: [kicker, headline, six paragraphs, signature]. */
const original = sharedSeedParagraphs();
const [kicker, headline] = original;
const paragraphs = original.slice(2, -1);
const RU_SLUG = 'baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami';
const EN_SLUG = 'baku-and-nairobi-will-fight-crime-through-joint-efforts';

let app: Core.Strapi;
beforeAll(async () => {
  app = await startNewsroom();
});
afterAll(async () => {
  await stopNewsroom(app);
});

describe('the Baku–Nairobi story over REST', () => {
  it('serves the Russian original verbatim, with its source, topics and entities', async () => {
    const res = await api(app).get('/api/press-releases').query({ locale: 'ru', 'filters[slug][$eq]': RU_SLUG });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    const release = res.body.data[0];
    expect(original).toHaveLength(9);
    expect(release.kicker).toBe(kicker);
    expect(release.headline).toBe(headline);
    expect(blocksToParagraphs(release.body)).toEqual(paragraphs);
    expect(release.locale).toBe('ru');
    expect(release.issuedAt).toBeNull();
    expect(release.source).toMatchObject({ name: 'БР', shortName: 'БР' });
    expect(release.topics.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['Транснациональная преступность', 'Терроризм', 'Коррупция']),
    );
    const entityNames = release.entities.map((e: { name: string }) => e.name);
    expect(entityNames).toEqual(
      expect.arrayContaining(['Ильхам Алиев', 'Кямран Алиев', 'Ренсон Мулеле Ингонга', 'Агдамский район', 'COP29']),
    );
    expect(release.entities).toHaveLength(13);
    expect(release).not.toHaveProperty('createdBy');
    expect(release).not.toHaveProperty('updatedBy');
  });

  it('serves the English translation as another locale of the same document', async () => {
    const ru = await api(app).get(`/api/press-releases/slug/${RU_SLUG}`).query({ locale: 'ru' });
    const en = await api(app).get(`/api/press-releases/slug/${EN_SLUG}`).query({ locale: 'en' });
    expect(ru.status).toBe(200);
    expect(en.status).toBe(200);
    expect(en.body.data.documentId).toBe(ru.body.data.documentId);
    expect(en.body.data.headline).toBe('Baku and Nairobi will fight crime through joint efforts');
    expect(en.body.data.kicker).toBe('Prospects for cooperation');
    expect(blocksToParagraphs(en.body.data.body)).toHaveLength(6);
    expect(en.body.data.source).toMatchObject({ shortName: 'БР' });
    expect(en.body.data.entities.map((e: { name: string }) => e.name)).toEqual(
      expect.arrayContaining(['Renson Mulele Ingonga', 'Aghdam District']),
    );
    expect(en.body.data.localizations).toEqual([expect.objectContaining({ locale: 'ru', slug: RU_SLUG })]);

    const byId = await api(app).get(`/api/press-releases/${ru.body.data.documentId}`).query({ locale: 'en' });
    expect(byId.status).toBe(200);
    expect(byId.body.data.headline).toBe(en.body.data.headline);
  });

  it('looks slugs up per locale, with a 404 JSON error when absent', async () => {
    const wrongLocale = await api(app).get(`/api/press-releases/slug/${RU_SLUG}`).query({ locale: 'en' });
    expect(wrongLocale.status).toBe(404);
    expect(wrongLocale.body.error).toMatchObject({ status: 404, message: expect.stringContaining(RU_SLUG) });
    const missing = await api(app).get('/api/press-releases/slug/no-such-release');
    expect(missing.status).toBe(404);
    expect(missing.body.data).toBeNull();
  });

  it('answers an unknown locale with a 400 and a message', async () => {
    for (const path of ['/api/press-releases', `/api/press-releases/slug/${RU_SLUG}`]) {
      const res = await api(app).get(path).query({ locale: 'xx' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Unknown locale "xx".*"ru"/);
    }
  });

  it('paginates: 25 by default, at most 100', async () => {
    const res = await api(app).get('/api/press-releases').query({ locale: 'ru' });
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 25 });
    const big = await api(app).get('/api/press-releases').query({ locale: 'ru', 'pagination[pageSize]': 1000 });
    expect(big.body.meta.pagination.pageSize).toBe(100);
  });
});

describe('the Baku–Nairobi story over GraphQL', () => {
  const QUERY = `query Story($locale: I18NLocaleCode) {
    pressReleases(locale: $locale) {
      documentId kicker headline body locale slug
      source { shortName }
      topics { name }
      entities { name kind }
      localizations { locale slug }
    }
  }`;

  it('serves the Russian original verbatim', async () => {
    const res = await graphql(app, QUERY, { locale: 'ru' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const story = res.body.data.pressReleases.find((r: { slug: string }) => r.slug === RU_SLUG);
    expect(story.kicker).toBe(kicker);
    expect(story.headline).toBe(headline);
    expect(blocksToParagraphs(story.body)).toEqual(paragraphs);
    expect(story.source.shortName).toBe('БР');
    expect(story.entities).toHaveLength(13);
  });

  it('serves the English translation of the same document', async () => {
    const ru = await graphql(app, QUERY, { locale: 'ru' });
    const en = await graphql(app, QUERY, { locale: 'en' });
    const ruStory = ru.body.data.pressReleases.find((r: { slug: string }) => r.slug === RU_SLUG);
    const enStory = en.body.data.pressReleases.find((r: { slug: string }) => r.slug === EN_SLUG);
    expect(enStory.documentId).toBe(ruStory.documentId);
    expect(enStory.headline).toBe('Baku and Nairobi will fight crime through joint efforts');
    expect(enStory.localizations).toEqual([{ locale: 'ru', slug: RU_SLUG }]);
  });
});
